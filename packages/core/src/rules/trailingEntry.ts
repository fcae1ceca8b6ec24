import type { TriggerSource } from '../commands/createSmartOrder';
import type { Tick } from '../commands/tick';
import { event, type OrderEvent } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { better, isLong, opposite, reachedAdversely, reachedFavourably, type Side } from '../side';
import { timesRoundedToGrid } from '../tickGrid';
import { callbackFactor } from './trailing';

/**
 * The price a tick offers an entry: the last trade, or on a quote tick (or when the order
 * triggers on the book) the ask for a long's buy and the bid for a short's sell (SEMANTICS §8.3).
 */
export const entrySidePrice = (
  tick: Tick,
  side: Side,
  source: TriggerSource,
): number | undefined => {
  const book = isLong(side) ? tick.ask : tick.bid;
  return source === 'LAST' ? (tick.price ?? book) : (book ?? tick.price);
};

/**
 * A long's trigger `mark × (1 + rate)` rounded down to the tick, a short's `mark × (1 − rate)`
 * rounded up: toward the mark, so the entry never waits for more of a turn than asked.
 */
export const entryTriggerFor = (
  side: Side,
  mark: number,
  callbackRate: number,
  tickSize: number,
): number =>
  timesRoundedToGrid(mark, callbackFactor(opposite(side), callbackRate), tickSize, !isLong(side));

/**
 * A trailing entry on a tick (SEMANTICS §8.3), long (a short is the mirror image): it arms at
 * the first price after creation, or at the first at or below the activation price, with the
 * low-water mark there; each lower price lowers the mark, recorded when the rounded trigger
 * falls; the first price at or above the trigger sends the entry at market, at that price. A
 * tick that arms the trail does not also send the entry.
 */
export const decideTrailingEntry = (s: OrderState, price: number, ts: number): OrderEvent[] => {
  const tr = s.entryTrail;
  if (tr === null || tr.triggered || s.status !== 'PENDING' || s.closing !== null) return [];
  const { side } = s.spec;
  const { tickSize } = s.spec.market;
  if (!tr.armed) {
    if (tr.activationPrice !== null && !reachedAdversely(side, price, tr.activationPrice))
      return [];
    return [
      event('EntryTrailArmed', ts, {
        mark: price,
        triggerPrice: entryTriggerFor(side, price, tr.callbackRate, tickSize),
      }),
    ];
  }
  if (tr.mark === null || tr.triggerPrice === null) return [];
  if (reachedFavourably(side, price, tr.triggerPrice)) {
    return [
      event('EntryTriggered', ts, {
        price,
        triggerPrice: tr.triggerPrice,
        quantity: s.spec.quantity,
        clientOrderId: s.spec.entryClientOrderId,
      }),
    ];
  }
  if (!better(side, tr.mark, price)) return [];
  const triggerPrice = entryTriggerFor(side, price, tr.callbackRate, tickSize);
  return better(side, tr.triggerPrice, triggerPrice)
    ? [event('EntryTrailMoved', ts, { mark: price, triggerPrice })]
    : [];
};
