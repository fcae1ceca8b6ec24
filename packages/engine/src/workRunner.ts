import type { MarketDataWatch } from './account/marketDataWatch';
import type { Execution } from './ports/exchange';
import { runUnit, type UnitContext, type UnitOutcome } from './runUnit';
import { unitsOf } from './unitsOf';
import { needsNativeStopSupport, withNativeStopSupport } from './withNativeStopSupport';
import { merge, type Work, type WorkResult } from './work';
import type { WorkQueue } from './workQueue';

export interface WorkRunnerContext {
  readonly queue: WorkQueue;
  readonly unit: UnitContext;
  /** Asked how it keeps native stops when a create that wants one arrives. */
  readonly exchange: Pick<Execution, 'id' | 'nativeStops'>;
  /** When each symbol last had a tick, on the engine's wall clock (stale data). */
  readonly marketData: MarketDataWatch;
  /** What a unit caused, settled after it leaves the queue (its requests, the venue's answers). */
  readonly settle: (outcome: UnitOutcome) => WorkResult | Promise<WorkResult>;
}

/** Runs a piece of work to its end; `deadlinesDecided`: the deadlines its tick passes were decided. */
export type RunWork = (work: Work, deadlinesDecided?: boolean) => Promise<WorkResult>;

/**
 * The way in for every piece of work (a tick, commands, reports, the timer): its tick is seen
 * by the market-data watch, it is cut into the units it makes (`unitsOf.ts`), and each
 * unit runs through the work queue, one at a time. A create that wants a native stop asks the
 * venue first, inside its turn of the queue but before the decision, so that no exchange call
 * happens in the middle of one. What the unit caused is settled after it leaves the queue: the
 * answers are units of their own.
 */
export const createWorkRunner = (ctx: WorkRunnerContext): RunWork => {
  const { queue, unit, exchange, marketData, settle } = ctx;
  const due = (ts: number, symbol: string): boolean => unit.book.due(ts, symbol).length > 0;
  const run: RunWork = (work, deadlinesDecided = false) => {
    if (work.tick !== undefined && !deadlinesDecided) marketData.observe(work.tick);
    const units = unitsOf(work, deadlinesDecided, due);
    if (units !== undefined) {
      const [first, then] = units;
      return run(first.work, first.deadlinesDecided).then(async (a) =>
        merge(a, await run(then.work, then.deadlinesDecided)),
      );
    }
    return queue
      .run(
        needsNativeStopSupport(work.commands)
          ? async () =>
              runUnit(unit, {
                ...work,
                commands: await Promise.all(
                  (work.commands ?? []).map((c) => withNativeStopSupport(exchange, c)),
                ),
              })
          : () => runUnit(unit, work),
      )
      .then(settle);
  };
  return run;
};
