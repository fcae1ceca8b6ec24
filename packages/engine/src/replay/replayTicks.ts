import type { Command, DomainError, Tick } from '@smart-orders/core';
import type { Engine } from '../createEngine';
import type { WorkResult } from '../work';
import type { Checkpoint, EventStore, StoredEvent } from '../ports/eventStore';
import type { ReplayPlan } from './replayPlan';

export interface ReplayOptions {
  readonly engine: Engine;
  readonly store: EventStore;
  readonly ticks: readonly Tick[];
  readonly plan: ReplayPlan;
  /** Names the replay's checkpoint: the same name resumes after the last committed tick. */
  readonly checkpointName: string;
  readonly onEvents?: (events: readonly StoredEvent[]) => void;
  readonly onRejection?: (rejection: PlanRejection) => void;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * The last position of the replay's events already in the log (a resumed replay's): each
   * tick's checkpoint says after which position that tick's events begin.
   */
  readonly lastPosition?: number;
}

export interface PlanRejection {
  readonly at: number;
  readonly command: Command;
  readonly error: DomainError;
}

export interface ReplayOutcome {
  readonly rejections: readonly PlanRejection[];
  /** Plan items whose `at` is after the last tick: they never took effect. */
  readonly unreached: readonly Command[];
  /** Index of the tick the replay resumed after; null for a fresh replay. */
  readonly resumedAfter: number | null;
}

interface Due {
  readonly tickIndex: number;
  readonly at: number;
  readonly rank: number;
  readonly command: Command;
}

/** Index of the first tick with ts ≥ at (binary search; ticks are in time order). */
const firstTickAtOrAfter = (ticks: readonly Tick[], at: number): number => {
  let lo = 0;
  let hi = ticks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ticks[mid] as Tick).ts < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

export interface ReplayCheckpoint {
  /** The last tick decided; null before the first. */
  readonly after: number | null;
  /** The plan items due at the next tick are applied too. */
  readonly planApplied: boolean;
  /**
   * The events of tick `after` are those after this position: ticks of one millisecond are
   * told apart by it, not by their time. Null in a checkpoint written before it was kept.
   */
  readonly tickFrom: number | null;
}

/**
 * The replay's checkpoint: `N@P` once tick N is decided, its events being those after position
 * P; `N+@P` once the plan items due at tick N + 1 are applied too (they go out to the exchange
 * before that tick trades). `N` and `N+` (no position) are read as before.
 */
export const readReplayCheckpoint = (value: string | null): ReplayCheckpoint => {
  if (value === null) return { after: null, planApplied: false, tickFrom: null };
  const [tick = '', from] = value.split('@');
  return {
    after: Number.parseInt(tick, 10),
    planApplied: tick.endsWith('+'),
    tickFrom: from === undefined ? null : Number.parseInt(from, 10),
  };
};

/**
 * The checkpoint of tick `tickIndex`, its value written out only when a commit stores it: most
 * ticks move nothing and commit nothing, and a string made for each was garbage at once. The
 * value is a getter of the class, read by name as the stores read a checkpoint (a spread of it
 * would lose it).
 */
class TickCheckpoint implements Checkpoint {
  constructor(
    readonly name: string,
    private readonly tickIndex: number,
    private readonly from: number,
  ) {}

  get value(): string {
    return `${this.tickIndex}@${this.from}`;
  }
}

const planCheckpoint = (tickIndex: number, from: number): string => `${tickIndex - 1}+@${from}`;

/**
 * A plan item takes effect before the first tick whose ts ≥ its `at`; items due at one tick
 * go in time order, orders before commands, each in plan order; orders without `at` first. The
 * items due at a tick are a unit of work of their own, answered by the exchange before the
 * tick, which is the next unit with the checkpoint; each waits for what it caused (the venue's
 * answers, decided). So a replay killed at any point and run again carries on after the last
 * commit and ends with the same log as an uninterrupted run.
 */
export const replayTicks = async (options: ReplayOptions): Promise<ReplayOutcome> => {
  const { engine, store, ticks, plan, checkpointName } = options;
  const first = ticks[0];
  // An order without `at` exists before the first tick (CLI.md): before every item due there,
  // a command timed before the first tick included, and created at the earliest such time.
  const timedBeforeFirst = [
    ...plan.commands.map((c) => c.at),
    ...plan.orders.flatMap((o) => (o.at === null ? [] : [o.at])),
  ].filter((at) => firstTickAtOrAfter(ticks, at) === 0);
  const beforeFirst = timedBeforeFirst.reduce((a, b) => Math.min(a, b), first?.ts ?? 0);
  const due: Due[] = [
    ...plan.orders.map((o, i) =>
      o.at === null
        ? {
            tickIndex: 0,
            at: -Infinity,
            rank: i,
            command: { ...o.command, ts: beforeFirst },
          }
        : {
            tickIndex: firstTickAtOrAfter(ticks, o.at),
            at: o.at,
            rank: i,
            command: { ...o.command, ts: o.at },
          },
    ),
    ...plan.commands.map((c, i) => ({
      tickIndex: firstTickAtOrAfter(ticks, c.at),
      at: c.at,
      rank: plan.orders.length + i,
      command: { ...c.command, ts: c.at },
    })),
  ].sort((a, b) => a.tickIndex - b.tickIndex || a.at - b.at || a.rank - b.rank);

  const saved = readReplayCheckpoint(await store.readCheckpoint(checkpointName));
  const resumedAfter = saved.after;
  if (resumedAfter !== null && resumedAfter >= 0) {
    const last = ticks[resumedAfter];
    if (last === undefined)
      throw new Error(
        `checkpoint ${checkpointName} is at tick ${resumedAfter}, beyond the ${ticks.length} ticks given: is it the same tick file?`,
      );
    engine.observePrice(last);
  }
  const rejections: PlanRejection[] = [];
  let next = 0;
  const start = resumedAfter === null ? 0 : resumedAfter + 1;
  const applied = saved.planApplied ? start + 1 : start;
  while (next < due.length && (due[next] as Due).tickIndex < applied) next++;
  // After which position the last tick's events begin, and the last position so far.
  let tickFrom = saved.tickFrom ?? 0;
  let last = options.lastPosition ?? 0;
  const took = (result: WorkResult): void => {
    if (result.events.length > 0) options.onEvents?.(result.events);
    for (const e of result.events) last = Math.max(last, e.position);
    for (const r of result.rejections) {
      const rejection = { at: r.command.ts, command: r.command, error: r.error };
      rejections.push(rejection);
      options.onRejection?.(rejection);
    }
  };
  for (let i = start; i < ticks.length; i++) {
    // Most ticks have no plan item due: they make no list of commands.
    if (next < due.length && (due[next] as Due).tickIndex === i) {
      const commands: Command[] = [];
      while (next < due.length && (due[next] as Due).tickIndex === i)
        commands.push((due[next++] as Due).command);
      took(
        await engine.process({
          commands,
          checkpoint: { name: checkpointName, value: planCheckpoint(i, tickFrom) },
        }),
      );
    }
    tickFrom = last;
    took(
      await engine.process({
        tick: ticks[i] as Tick,
        checkpoint: new TickCheckpoint(checkpointName, i, tickFrom),
      }),
    );
    options.onProgress?.(i + 1, ticks.length);
  }
  return { rejections, unreached: due.slice(next).map((d) => d.command), resumedAfter };
};
