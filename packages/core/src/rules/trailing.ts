import Big from 'big.js';
import { event, type OrderEvent } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { better, isLong, reachedFavourably, type Side } from '../side';
import { decimalPlaces, timesRoundedToGrid } from '../tickGrid';

/** `1 − rate` for a long, `1 + rate` for a short, as the exact decimal it is (0.98, not 0.9799…). */
export const callbackFactor = (side: Side, callbackRate: number): number => {
  const k = decimalPlaces(callbackRate);
  if (k < 0)
    return (
      isLong(side) ? new Big(1).minus(callbackRate) : new Big(1).plus(callbackRate)
    ).toNumber();
  const p = 10 ** k;
  const r = Math.round(callbackRate * p);
  return (isLong(side) ? p - r : p + r) / p;
};

/**
 * The trailing stop for a mark: `mark × (1 − rate)` for a long, `mark × (1 + rate)` for a
 * short, rounded toward the market to the tick (up for a long, down for a short), exactly:
 * 110 × 0.98 is 107.8. In integers on the tick grid (tickGrid.ts): a raise is the common
 * decision of a moving market, and it allocates nothing.
 */
export const trailingStopFor = (
  side: Side,
  mark: number,
  callbackRate: number,
  tickSize: number,
): number => timesRoundedToGrid(mark, callbackFactor(side, callbackRate), tickSize, isLong(side));

/**
 * Step 2 of a tick: arm the trailing stop (at once, or when the activation price is reached)
 * and raise it. The mark is recorded only when the rounded stop moves: the stop depends on the
 * running extreme alone, so nothing the engine acts on is lost, and the log stays small.
 */
export const decideTrailing = (s: OrderState, price: number, ts: number): OrderEvent[] => {
  const tr = s.trailing;
  if (tr === null) return [];
  const { side } = s.spec;
  const { tickSize } = s.spec.market;
  if (!tr.armed) {
    if (tr.activationPrice !== null && !reachedFavourably(side, price, tr.activationPrice))
      return [];
    return [
      event('TrailingArmed', ts, {
        mark: price,
        stopPrice: trailingStopFor(side, price, tr.callbackRate, tickSize),
      }),
    ];
  }
  if (tr.mark === null || tr.stopPrice === null || !better(side, price, tr.mark)) return [];
  const stopPrice = trailingStopFor(side, price, tr.callbackRate, tickSize);
  return better(side, stopPrice, tr.stopPrice)
    ? [event('TrailingRaised', ts, { mark: price, stopPrice })]
    : [];
};

/** Arming at entry fill, for a trailing stop without an activation price. */
export const armAtEntry = (s: OrderState, entryPrice: number, ts: number): OrderEvent[] => {
  const tr = s.trailing;
  if (tr === null || tr.armed || tr.activationPrice !== null) return [];
  return [
    event('TrailingArmed', ts, {
      mark: entryPrice,
      stopPrice: trailingStopFor(s.spec.side, entryPrice, tr.callbackRate, s.spec.market.tickSize),
    }),
  ];
};
