import { percentOfFloored, sub, sum } from '../decimal';
import { clientOrderId, PURPOSE } from '../clientOrderId';
import { event, type OrderEvent } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { reachedFavourably } from '../side';

/**
 * Take-profit quantities, fixed at entry fill: each level `floor_to_step(filled × sizePct /
 * 100)`, the last the exact remainder, so the ladder exits exactly the filled quantity.
 */
export const takeProfitQuantities = (
  filledQuantity: number,
  sizePcts: readonly number[],
  stepSize: number,
): number[] => {
  const head = sizePcts.slice(0, -1).map((pct) => percentOfFloored(filledQuantity, pct, stepSize));
  return [...head, sub(filledQuantity, sum(head))];
};

/**
 * Step 4 of a tick: every pending level the price reached triggers, nearest first, all in
 * the same tick when a gap crossed several.
 */
export const decideTakeProfits = (s: OrderState, price: number, ts: number): OrderEvent[] =>
  s.takeProfits
    .filter((l) => l.status === 'PENDING' && reachedFavourably(s.spec.side, price, l.price))
    .flatMap((l) => {
      const quantity = sub(l.quantity, l.filledQuantity);
      const cid = clientOrderId(s.spec.orderId, PURPOSE.takeProfit, l.level, l.attempts + 1);
      const triggered = event('TpTriggered', ts, {
        level: l.level,
        price,
        targetPrice: l.price,
        quantity,
        clientOrderId: cid,
      });
      // A level that rounds to nothing has no exchange order to wait for: it is done at once.
      return quantity > 0
        ? [triggered]
        : [
            triggered,
            event('TpFilled', ts, { level: l.level, price, quantity: 0, clientOrderId: cid }),
          ];
    });
