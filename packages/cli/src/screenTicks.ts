import { EMPTY_PRINT_HISTORY, flaggedOffMarket, screenPrint, type Tick } from '@smart-orders/core';

export interface ScreenedTicks {
  readonly ticks: readonly Tick[];
  /** Ticks the recording flags as not the market (`is_best_match` false, insurance fund). */
  readonly offMarket: number;
  /** Trade prints further than `maxDeviationBps` from the median of the previous 50. */
  readonly deviating: number;
}

/**
 * Prints that are not the market (SEMANTICS §9.4), screened out before the engine sees them: a
 * flagged print, and with `maxDeviationBps` a trade price too far from the median of the
 * symbol's previous 50 prints, neither triggers nor fills nor becomes the last price. A deviating
 * tick that also carries a bid and ask keeps them (the core's `screenPrint`).
 */
export const screenTicks = (
  ticks: readonly Tick[],
  maxDeviationBps: number | undefined,
): ScreenedTicks => {
  // Without the filter a print is screened by its flag alone: the window of prices the filter
  // reads is not kept, which would copy up to 50 prices at every tick of the recording. A
  // recording without a flagged print (most) is not copied at all.
  if (maxDeviationBps === undefined) {
    if (!ticks.some(flaggedOffMarket)) return { ticks, offMarket: 0, deviating: 0 };
    const kept = ticks.filter((t) => !flaggedOffMarket(t));
    return { ticks: kept, offMarket: ticks.length - kept.length, deviating: 0 };
  }
  let history = EMPTY_PRINT_HISTORY;
  let offMarket = 0;
  let deviating = 0;
  const kept: Tick[] = [];
  for (const tick of ticks) {
    const s = screenPrint(history, tick, maxDeviationBps);
    history = s.history;
    if (s.verdict.kind === 'OFF_MARKET') offMarket++;
    if (s.verdict.kind === 'DEVIATES') deviating++;
    if (s.tick !== null) kept.push(s.tick);
  }
  return { ticks: kept, offMarket, deviating };
};
