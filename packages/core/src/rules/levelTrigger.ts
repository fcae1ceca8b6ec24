import { clientOrderId, PURPOSE } from '../clientOrderId';
import { sub } from '../decimal';
import { event, type OrderEvent } from '../events/orderEvent';
import type { OrderState, TakeProfitLevel } from '../state/orderState';

/**
 * A take-profit level triggers: its exit order (at market, for what the level has left) is
 * recorded before it is sent. `price` is the tick's, `targetPrice` the level's.
 */
export const triggerLevel = (
  s: OrderState,
  l: TakeProfitLevel,
  price: number,
  ts: number,
): OrderEvent[] => {
  const quantity = sub(l.quantity, l.filledQuantity);
  const cid = clientOrderId(s.spec.orderId, PURPOSE.takeProfit, l.level, l.attempts + 1);
  const triggered = event('TpTriggered', ts, {
    level: l.level,
    price,
    targetPrice: l.price ?? price,
    quantity,
    clientOrderId: cid,
  });
  // A level that rounds to nothing (or was merged into a nearer one) has no exchange order to
  // wait for: it is done at once.
  return quantity > 0
    ? [triggered]
    : [
        triggered,
        event('TpFilled', ts, { level: l.level, price, quantity: 0, clientOrderId: cid }),
      ];
};
