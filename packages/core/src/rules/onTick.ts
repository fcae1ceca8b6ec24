import { right, type Either } from 'fp-ts/Either';
import type { Tick } from '../commands/tick';
import type { DomainError } from '../domainError';
import type { OrderState } from '../state/orderState';
import { decideCompletion } from './completion';
import { emit, start, then, type Decision } from './decision';
import { retryExit, decideStop } from './stopLoss';
import { decideTakeProfits } from './takeProfits';
import { decideTimeLimits } from './timeLimits';
import { decideTrailing } from './trailing';
import { decideTrailingEntry, entrySidePrice } from './trailingEntry';
import { triggerPrice } from './triggerPrice';

/**
 * A tick against one order (SEMANTICS §3), in the order the spec fixes: trailing, stop,
 * take-profits. The entry is the exchange's to fill; its first part makes the order ACTIVE and
 * the exits watch what has filled (§9.4). A PENDING order holding lots is a version 1 log's
 * partial entry (`EntryPartiallyFilled`): only its stop watches them, as version 1 decided. A
 * tick that changes nothing decides nothing, so the same tick processed twice changes nothing
 * the second time.
 */
export const decideTick = (s: OrderState, tick: Tick): Either<DomainError, Decision> => {
  const unmoved = () => right(start(s));
  if (tick.symbol !== s.spec.symbol) return unmoved();
  // A print the recording flags as not the market (SEMANTICS §9.4) is no price to act on.
  if (tick.offMarket === true) return unmoved();
  // An exit refused for insufficient balance is held, not retried on every tick (§9.1).
  if (s.exitsHeld === true) return unmoved();
  const price = triggerPrice(tick, s.spec.side, s.spec.triggerSource);
  // A deadline passed is decided before anything else on the tick (SEMANTICS §8.6).
  const timed = decideTimeLimits(s, tick.ts, price ?? null);
  if (timed.events.length > 0) return right(timed);
  if (s.entryTrail !== null && !s.entryTrail.triggered) {
    const offered = entrySidePrice(tick, s.spec.side, s.spec.triggerSource);
    return offered === undefined
      ? unmoved()
      : right(emit(start(s), decideTrailingEntry(s, offered, tick.ts)));
  }
  if (s.openQuantity <= 0 || price === undefined) return unmoved();
  if (s.closing !== null) return right(emit(start(s), retryExit(s, 'REJECTED', price, tick.ts)));
  if (s.status === 'PENDING') return right(decideStop(s, price, tick.ts));
  const trailed = then(start(s), (st) => decideTrailing(st, price, tick.ts));
  const stopped = then(trailed, (st) => decideStop(st, price, tick.ts));
  if (stopped.state.closing !== null) return right(stopped);
  const tps = then(stopped, (st) => decideTakeProfits(st, price, tick.ts));
  return right(then(tps, (st) => decideCompletion(st, tick.ts)));
};
