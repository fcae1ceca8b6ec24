import type { MarketDataWatch } from './account/marketDataWatch';
import type { Execution } from './ports/exchange';
import { runUnit, type UnitContext, type UnitOutcome } from './runUnit';
import { unitsOf } from './unitsOf';
import { needsNativeStopSupport, withNativeStopSupport } from './withNativeStopSupport';
import { needsVenueMarket, withVenueMarket } from './withVenueMarket';
import { withLiquidationGuard, type LiquidationOptions } from './liquidationGuards';
import { merge, type Work, type WorkResult } from './work';
import type { WorkQueue } from './workQueue';

export interface WorkRunnerContext {
  readonly queue: WorkQueue;
  readonly unit: UnitContext;
  /**
   * Asked how it keeps native stops when a create that wants one arrives, and for its market
   * when any create arrives (SEMANTICS §1 v2: the venue's market is authoritative).
   */
  readonly exchange: Pick<Execution, 'id' | 'nativeStops' | 'marketRules'>;
  /** Futures symbols with a liquidation buffer: a create on one carries its guard (issue 14). */
  readonly liquidation?: LiquidationOptions;
  /** When each symbol last had a tick, on the engine's wall clock (stale data); none without an account. */
  readonly marketData: MarketDataWatch | undefined;
  /** What a unit caused, settled after it leaves the queue (its requests, the venue's answers). */
  readonly settle: (outcome: UnitOutcome) => WorkResult | Promise<WorkResult>;
}

/** Runs a piece of work to its end; `deadlinesDecided`: the deadlines its tick passes were decided. */
export type RunWork = (work: Work, deadlinesDecided?: boolean) => Promise<WorkResult>;

/**
 * The way in for every piece of work (a tick, commands, reports, the timer): its tick is seen
 * by the market-data watch, it is cut into the units it makes (`unitsOf.ts`), and each
 * unit runs through the work queue, one at a time. A create asks the venue first for its
 * market, and for how it keeps native stops when it wants one, inside its turn of the queue but
 * before the decision, so that no exchange call happens in the middle of one; on a guarded
 * futures symbol it carries its liquidation guard. What the unit caused is settled after it leaves the queue: the
 * answers are units of their own.
 */
export const createWorkRunner = (ctx: WorkRunnerContext): RunWork => {
  const { queue, unit, exchange, marketData, settle } = ctx;
  const due = (ts: number, symbol: string): boolean => unit.book.due(ts, symbol).length > 0;
  const guarded = (work: Work): Work =>
    ctx.liquidation === undefined || work.commands === undefined
      ? work
      : {
          ...work,
          commands: work.commands.map((c) => withLiquidationGuard(ctx.liquidation, c)),
        };
  const run: RunWork = (given, deadlinesDecided = false) => {
    const work = guarded(given);
    if (work.tick !== undefined && !deadlinesDecided) marketData?.observe(work.tick);
    const units = unitsOf(work, deadlinesDecided, due);
    if (units !== undefined) {
      const [first, then] = units;
      return run(first.work, first.deadlinesDecided).then(async (a) =>
        merge(a, await run(then.work, then.deadlinesDecided)),
      );
    }
    return queue
      .run(
        needsNativeStopSupport(work.commands) || needsVenueMarket(exchange, work.commands)
          ? async () =>
              runUnit(unit, {
                ...work,
                commands: await Promise.all(
                  (work.commands ?? []).map(async (c) =>
                    withVenueMarket(exchange, await withNativeStopSupport(exchange, c)),
                  ),
                ),
              })
          : () => runUnit(unit, work),
      )
      .then(settle);
  };
  return run;
};
