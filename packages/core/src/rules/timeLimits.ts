import { clientOrderId, PURPOSE } from '../clientOrderId';
import { event } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { cancelOrder } from './cancel';
import { emit, start, then, type Decision } from './decision';
import { uncoveredQuantity } from './exposure';
import { ocoOnStop } from './oco';

/**
 * Time limits (SEMANTICS §8.6). The entry timeout runs from creation while nothing of the
 * entry has filled; the position time limit from the first entry fill while a position is
 * open. Neither runs once the order is being exited or cancelled.
 */
export const entryDeadline = (s: OrderState): number | null => {
  const t = s.spec.timeLimits?.entryTimeoutMs;
  return t === undefined ||
    s.status !== 'PENDING' ||
    s.entryFilledQuantity > 0 ||
    s.closing !== null
    ? null
    : s.createdTs + t;
};

export const positionDeadline = (s: OrderState): number | null => {
  const t = s.spec.timeLimits?.positionTimeLimitMs;
  return t === undefined || s.firstEntryFillTs === null || s.closing !== null || s.openQuantity <= 0
    ? null
    : s.firstEntryFillTs + t;
};

/** The next deadline the order waits for, if any: the engine's timer looks at it. */
export const nextDeadline = (s: OrderState): number | null => {
  const deadlines = [entryDeadline(s), positionDeadline(s)].filter((d): d is number => d !== null);
  return deadlines.length === 0 ? null : Math.min(...deadlines);
};

/**
 * At `ts` (a tick's, or a `Timer`'s): an entry past its timeout is cancelled as a cancel of a
 * PENDING order is, reason `ENTRY_TIMEOUT`, its working entry cancelled first; a position past
 * its time limit is exited at market like a stop of kind `TIME_LIMIT` with no stop price.
 * `price` is the tick's (or the last known), what the exit names; null when none is known.
 */
export const decideTimeLimits = (s: OrderState, ts: number, price: number | null): Decision => {
  if (s.spec.timeLimits === undefined) return start(s);
  const entry = entryDeadline(s);
  if (entry !== null && ts >= entry)
    return cancelOrder(s, { flatten: false, ts, lastPrice: price, reason: 'ENTRY_TIMEOUT' });
  const deadline = positionDeadline(s);
  if (deadline === null || ts < deadline) return start(s);
  const reached = emit(start(s), [
    event('TimeLimitReached', ts, { deadline }),
    event('StopLossTriggered', ts, {
      kind: 'TIME_LIMIT',
      stopPrice: null,
      price,
      quantity: uncoveredQuantity(s),
      clientOrderId: clientOrderId(s.spec.orderId, PURPOSE.stopLoss, 0, 1),
    }),
  ]);
  return then(reached, (st) => ocoOnStop(st, 'TIME_LIMIT', ts));
};
