import { clientOrderId, PURPOSE } from '../clientOrderId';
import { event, type OrderEvent } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { reachedAdversely } from '../side';
import { emit, start, then, type Decision } from './decision';
import { effectiveStop } from './effectiveStop';
import { uncoveredQuantity } from './exposure';
import { ocoOnStop } from './oco';

/**
 * Step 3 of a tick: when the price reaches the effective stop, the stop fires. Its exit is
 * sized to the open quantity no working TP order covers, and every unfilled level is cancelled.
 */
export const decideStop = (s: OrderState, price: number, ts: number): Decision => {
  const stop = effectiveStop(s);
  if (stop === null || !reachedAdversely(s.spec.side, price, stop.price)) return start(s);
  const triggered = event('StopLossTriggered', ts, {
    kind: stop.kind,
    stopPrice: stop.price,
    price,
    quantity: uncoveredQuantity(s),
    clientOrderId: clientOrderId(s.spec.orderId, PURPOSE.stopLoss, 0, 1),
  });
  return then(emit(start(s), [triggered]), (st) =>
    ocoOnStop(st, stop.kind === 'TRAILING_STOP' ? 'TRAILING_STOP' : 'STOP_LOSS', ts),
  );
};

/**
 * An exit that the exchange rejected or cancelled leaves quantity uncovered while the order
 * is being closed: send another exit (next attempt) for exactly that quantity.
 */
export const retryExit = (
  s: OrderState,
  reason: 'REJECTED' | 'REMAINDER',
  price: number | null,
  ts: number,
): OrderEvent[] => {
  const closing = s.closing;
  const quantity = uncoveredQuantity(s);
  // A position left to the account's flatten is exited by it alone.
  if (closing === null || closing.leftToAccount === true || quantity <= 0) return [];
  const attempt = closing.attempts + 1;
  if (closing.reason === 'STOP') {
    const cid = clientOrderId(s.spec.orderId, PURPOSE.stopLoss, 0, attempt);
    return [event('StopLossRetried', ts, { reason, quantity, price, clientOrderId: cid })];
  }
  const cid = clientOrderId(s.spec.orderId, PURPOSE.flatten, 0, attempt);
  return [event('FlattenTriggered', ts, { quantity, price, clientOrderId: cid })];
};
