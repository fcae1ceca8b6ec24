import type { FillModelConfig, OrderView, Tick } from '@smart-orders/core';
import {
  createEngine,
  getInMemoryEventStore,
  readOrderViews,
  replayTicks,
  type EventStore,
  type PlanRejection,
  type ReplayPlan,
  type StoredEvent,
} from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { formatInputError, readPlan, readTicks } from '@smart-orders/replay-files';

export interface ReplayInput {
  /** Ticks in time order, or a recorded tick file as the CLI reads it. */
  readonly ticks:
    | readonly Tick[]
    | { readonly file: string; readonly symbol?: string; readonly columns?: readonly string[] };
  /** A plan, or a plan file as the CLI reads it. */
  readonly plan: ReplayPlan | { readonly file: string };
  /** Defaults to a fresh in-memory store. */
  readonly store?: EventStore;
  readonly slippageBps?: number;
  /**
   * The paper exchange's fill model (SEMANTICS §9.4): fees, size limits, latency. Default:
   * version 1's fills (no fees, in full); `{ ...DEFAULT_FILL_MODEL }` is what the CLI plays.
   */
  readonly fills?: Partial<FillModelConfig>;
}

export interface ReplayReport {
  /** Every event of the plan's orders, as stored, in store order. */
  readonly events: readonly StoredEvent[];
  /** The final view of every order of the plan, in creation order. */
  readonly orders: readonly OrderView[];
  readonly rejections: readonly PlanRejection[];
}

const loadTicks = async (ticks: ReplayInput['ticks']): Promise<readonly Tick[]> => {
  if (Array.isArray(ticks)) return ticks;
  const { file, symbol, columns } = ticks as Exclude<ReplayInput['ticks'], readonly Tick[]>;
  const read = await readTicks(file, {
    ...(symbol === undefined ? {} : { symbol }),
    ...(columns === undefined ? {} : { columns: [...columns] }),
  });
  if (read._tag === 'Left') throw new Error(formatInputError(read.left));
  return read.right.ticks;
};

const loadPlan = async (plan: ReplayInput['plan']): Promise<ReplayPlan> => {
  if (!('file' in plan)) return plan;
  const read = await readPlan(plan.file);
  if (read._tag === 'Left') throw new Error(formatInputError(read.left));
  return read.right;
};

/**
 * The replay that `smart-orders replay` runs, as a function for users' own tests: recorded
 * ticks and a plan in, the event log and the final order views out, deterministic (paper
 * fills, no clock). Bad input throws with the CLI's message.
 */
export const replay = async (input: ReplayInput): Promise<ReplayReport> => {
  const ticks = await loadTicks(input.ticks);
  const plan = await loadPlan(input.plan);
  const store = input.store ?? getInMemoryEventStore();
  const engine = createEngine({
    store,
    exchange: getPaperExchange({
      ...(input.slippageBps === undefined ? {} : { slippageBps: input.slippageBps }),
      ...(input.fills === undefined ? {} : { fills: input.fills }),
    }),
  });
  await engine.start();
  const events: StoredEvent[] = [];
  const outcome = await replayTicks({
    engine,
    store,
    ticks,
    plan,
    checkpointName: 'testkit-replay',
    onEvents: (e) => events.push(...e),
  });
  await engine.stop();
  const ids = new Set(plan.orders.map((o) => o.command.orderId));
  return { events, orders: await readOrderViews(store, ids), rejections: outcome.rejections };
};
