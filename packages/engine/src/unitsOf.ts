import { hasMoreThanTick, type Work } from './work';

/** One unit to run, and whether the deadlines its tick passes were decided already. */
export interface UnitToRun {
  readonly work: Work;
  readonly deadlinesDecided: boolean;
}

/**
 * How one piece of work is cut in two units, in the order they run; `undefined` when it is one
 * unit as it stands (each of the two may be cut again).
 *
 * - Commands and reports first, their requests answered, then the tick: an order created
 *   before a tick is at the exchange when the tick trades. The checkpoint goes with the first.
 * - A deadline the tick passes is decided before the tick, and before the venue matches its
 *   book on it: an entry cannot fill on the tick that finds its timeout passed (SEMANTICS §8.6).
 */
export const unitsOf = (
  work: Work,
  deadlinesDecided: boolean,
  due: (ts: number, symbol: string) => boolean,
): readonly [UnitToRun, UnitToRun] | undefined => {
  const { tick } = work;
  if (tick === undefined) return undefined;
  if (hasMoreThanTick(work)) {
    const { tick: _, ...first } = work;
    return [
      { work: { ...first, markTo: tick }, deadlinesDecided: false },
      { work: { tick }, deadlinesDecided: false },
    ];
  }
  if (!deadlinesDecided && tick.offMarket !== true && due(tick.ts, tick.symbol))
    return [
      { work: { timer: { ts: tick.ts, tick } }, deadlinesDecided: false },
      { work, deadlinesDecided: true },
    ];
  return undefined;
};
