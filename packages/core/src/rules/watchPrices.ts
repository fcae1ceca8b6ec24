import type { OrderState } from '../state/orderState';
import { isLong } from '../side';
import { effectiveStop } from './effectiveStop';
import { uncoveredQuantity } from './exposure';

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
  if (
    s.status === 'CLOSED' ||
    s.status === 'STOPPED' ||
    s.status === 'CANCELLED' ||
    s.openQuantity <= 0
  )
    return NEVER;
  if (s.closing !== null) return uncoveredQuantity(s) > 0 ? ALWAYS : NEVER;
  const long = isLong(s.spec.side);
  const stop = effectiveStop(s)?.price;
  if (s.status === 'PENDING')
    return long
      ? { above: Infinity, below: stop ?? -Infinity }
      : { above: stop ?? Infinity, below: -Infinity };
  const nextLevel = s.takeProfits.find((l) => l.status === 'PENDING')?.price;
  const tr = s.trailing;
  let trailingLook: number | undefined;
  if (tr !== null) {
    if (!tr.armed) trailingLook = tr.activationPrice ?? (long ? -Infinity : Infinity);
    else if (tr.stopPrice !== null) {
      // The rounded stop rises exactly when price × (1 − rate) passes it (the stop is on the grid).
      trailingLook = long
        ? (tr.stopPrice / (1 - tr.callbackRate)) * (1 - EARLY)
        : (tr.stopPrice / (1 + tr.callbackRate)) * (1 + EARLY);
    }
  }
  const favourable = [nextLevel, trailingLook].filter((x): x is number => x !== undefined);
  if (long) {
    return {
      above: favourable.length === 0 ? Infinity : Math.min(...favourable),
      below: stop ?? -Infinity,
    };
  }
  return {
    above: stop ?? Infinity,
    below: favourable.length === 0 ? -Infinity : Math.max(...favourable),
  };
};
