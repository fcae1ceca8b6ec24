import Big from 'big.js';
import type { Tick } from '../commands/tick';

/** How many previous trade prints of a symbol the deviation filter takes the median of. */
export const PRINT_WINDOW = 50;

/** The last trade prices of each symbol, oldest first, at most `PRINT_WINDOW` of them. */
export type PrintHistory = Readonly<Record<string, readonly number[]>>;

export const EMPTY_PRINT_HISTORY: PrintHistory = {};

/**
 * What the screen made of a tick: `MARKET` acts; `OFF_MARKET` (flagged by the recording) and
 * `DEVIATES` (too far from the median) neither trigger nor fill nor become the last price.
 */
export type PrintVerdict =
  | { readonly kind: 'MARKET' }
  | { readonly kind: 'OFF_MARKET' }
  | { readonly kind: 'DEVIATES'; readonly median: number; readonly deviationBps: number };

export interface ScreenedPrint {
  readonly history: PrintHistory;
  readonly verdict: PrintVerdict;
  /**
   * The tick the engine and the fills may see: the tick itself, the tick without its trade
   * price when only that deviates (its quotes still stand), or null.
   */
  readonly tick: Tick | null;
}

/** The median of a non-empty list; with an even count, the mean of the middle two. */
export const medianOf = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : new Big(sorted[mid - 1] as number)
        .plus(sorted[mid] as number)
        .div(2)
        .toNumber();
};

const withoutPrice = (tick: Tick): Tick | null => {
  if (tick.bid === undefined && tick.ask === undefined) return null;
  const rest: { -readonly [K in keyof Tick]?: Tick[K] } = { ...tick };
  delete rest.price;
  delete rest.quantity;
  return rest as Tick;
};

/** A print the recording flags as not the market: never acted on, filter or not. */
export const flaggedOffMarket = (tick: Tick): boolean => tick.offMarket === true;

/**
 * Prints that are not the market (SEMANTICS §9.4). A trade price further than
 * `maxDeviationBps` from the median of the symbol's previous 50 trade prices is not acted on;
 * every print still enters the window, deviating ones too, so a real move is accepted once it
 * lasts (once it is more than half of the window). A print the recording flags as off-market is never acted on and does
 * not enter the window: it was never a price anyone could trade at. The first print of a symbol
 * has nothing to deviate from and stands. `maxDeviationBps` undefined: the filter is off.
 */
export const screenPrint = (
  history: PrintHistory,
  tick: Tick,
  maxDeviationBps: number | undefined,
): ScreenedPrint => {
  if (flaggedOffMarket(tick)) return { history, verdict: { kind: 'OFF_MARKET' }, tick: null };
  if (tick.price === undefined) return { history, verdict: { kind: 'MARKET' }, tick };
  const previous = history[tick.symbol] ?? [];
  const window = [...previous.slice(-(PRINT_WINDOW - 1)), tick.price];
  const next: PrintHistory = { ...history, [tick.symbol]: window };
  if (maxDeviationBps === undefined || previous.length === 0) {
    return { history: next, verdict: { kind: 'MARKET' }, tick };
  }
  const m = medianOf(previous);
  const deviationBps = new Big(tick.price).minus(m).abs().times(10_000).div(m);
  if (deviationBps.lte(maxDeviationBps)) {
    return { history: next, verdict: { kind: 'MARKET' }, tick };
  }
  return {
    history: next,
    verdict: { kind: 'DEVIATES', median: m, deviationBps: deviationBps.round(2).toNumber() },
    tick: withoutPrice(tick),
  };
};
