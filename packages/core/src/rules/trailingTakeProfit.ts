import { event, type OrderEvent } from '../events/orderEvent';
import type { LevelTrail, OrderState, TakeProfitLevel } from '../state/orderState';
import { better, reachedAdversely, reachedFavourably } from '../side';
import { triggerLevel } from './levelTrigger';
import { trailingStopFor } from './trailing';

/** A level that trails (SEMANTICS §8.2); one that exits nothing (merged) just triggers. */
export const isTrailingLevel = (
  l: TakeProfitLevel,
): l is TakeProfitLevel & { readonly trail: LevelTrail } => l.trail !== null && l.quantity > 0;

/**
 * A trailing take-profit on one tick (SEMANTICS §8.2): when the price reaches the level it
 * arms instead of exiting, with its mark at that price and a trail stop `mark × (1 − rate)`
 * rounded toward the market, as the order's trailing stop is (§3.2); a better price raises the
 * mark, recorded when the rounded trail stop moves; a price at or beyond the trail stop
 * triggers the level, which exits at market. A level that arms on a tick does not trigger on
 * it. A long is described; a short is the mirror image.
 */
export const decideTrailingLevel = (
  s: OrderState,
  l: TakeProfitLevel & { readonly trail: LevelTrail },
  price: number,
  ts: number,
): OrderEvent[] => {
  const { side } = s.spec;
  const { tickSize } = s.spec.market;
  const { callbackRate, mark, stopPrice } = l.trail;
  if (l.price === null) return [];
  if (mark === null || stopPrice === null) {
    if (!reachedFavourably(side, price, l.price)) return [];
    return [
      event('TpTrailArmed', ts, {
        level: l.level,
        mark: price,
        stopPrice: trailingStopFor(side, price, callbackRate, tickSize),
      }),
    ];
  }
  if (reachedAdversely(side, price, stopPrice)) return triggerLevel(s, l, price, ts);
  if (!better(side, price, mark)) return [];
  const raised = trailingStopFor(side, price, callbackRate, tickSize);
  return better(side, raised, stopPrice)
    ? [event('TpTrailRaised', ts, { level: l.level, mark: price, stopPrice: raised })]
    : [];
};
