import type { OrderState } from '../state/orderState';
import { isLong } from '../side';
import { effectiveStop } from './effectiveStop';
import { uncoveredQuantity } from './exposure';
import { isTrailingLevel } from './trailingTakeProfit';

/**
 * The prices at which an order next needs a look, for the engine's per-symbol index: a tick
 * whose trigger price is ≥ `above` or ≤ `below` may change the order; any other tick cannot.
 * The bounds are conservative (a look may decide nothing); the decider makes the exact call.
 */
export interface WatchPrices {
  readonly above: number;
  readonly below: number;
}

export const NEVER: WatchPrices = { above: Infinity, below: -Infinity };
const ALWAYS: WatchPrices = { above: -Infinity, below: Infinity };

// Float division may land a hair beyond the exact threshold; look a little early instead.
const EARLY = 1e-9;

export const watchPrices = (s: OrderState): WatchPrices => {
  if (s.status === 'CLOSED' || s.status === 'STOPPED' || s.status === 'CANCELLED') return NEVER;
  // A trailing entry follows every price until it is sent (SEMANTICS §8.3). Deadlines are not
  // prices: the engine keeps them apart (`nextDeadline`) and decides them before the tick.
  if (s.entryTrail !== null && !s.entryTrail.triggered) return ALWAYS;
  if (s.openQuantity <= 0) return NEVER;
  if (s.closing !== null) return uncoveredQuantity(s) > 0 ? ALWAYS : NEVER;
  const long = isLong(s.spec.side);
  const stop = effectiveStop(s)?.price;
  if (s.status === 'PENDING')
    return long
      ? { above: Infinity, below: stop ?? -Infinity }
      : { above: stop ?? Infinity, below: -Infinity };
  const favourable: number[] = [];
  const adverse: number[] = stop === undefined ? [] : [stop];
  for (const l of s.takeProfits) {
    if (l.status !== 'PENDING' || l.price === null) continue;
    if (isTrailingLevel(l) && l.trail.stopPrice !== null) {
      // An armed trailing level (SEMANTICS §8.2) triggers on a fall to its trail stop and is
      // raised past its own raise price.
      adverse.push(l.trail.stopPrice);
      favourable.push(raiseLook(long, l.trail.stopPrice, l.trail.callbackRate));
    } else {
      favourable.push(l.price);
    }
  }
  const tr = s.trailing;
  if (tr !== null) {
    if (!tr.armed) favourable.push(tr.activationPrice ?? (long ? -Infinity : Infinity));
    else if (tr.stopPrice !== null) favourable.push(raiseLook(long, tr.stopPrice, tr.callbackRate));
  }
  if (long) {
    return {
      above: favourable.length === 0 ? Infinity : Math.min(...favourable),
      below: adverse.length === 0 ? -Infinity : Math.max(...adverse),
    };
  }
  return {
    above: adverse.length === 0 ? Infinity : Math.min(...adverse),
    below: favourable.length === 0 ? -Infinity : Math.max(...favourable),
  };
};

/** The rounded stop rises exactly when price × (1 − rate) passes it (the stop is on the grid). */
const raiseLook = (long: boolean, stopPrice: number, callbackRate: number): number =>
  long
    ? (stopPrice / (1 - callbackRate)) * (1 - EARLY)
    : (stopPrice / (1 + callbackRate)) * (1 + EARLY);
