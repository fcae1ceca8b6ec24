import {
  getPostgreSQLEventStore,
  type PostgresEventStore,
} from '@event-driven-io/emmett-postgresql';
import { clientOrderId, PURPOSE } from '@smart-orders/core';
import type { AppendToStream, EventStore, NewEvent } from '@smart-orders/engine';
import { DEFAULT_SCHEMA, getPostgresEventStore } from '@smart-orders/store-postgres';
import { isLeft } from 'fp-ts/Either';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { postgresServerCpu, type ServerCpuMeter } from './postgresServerCpu';
import { percentile } from './stats';
import type { Window } from './figure';
import {
  addedWindows,
  interleavedSlices,
  MIN_WINDOW_SECONDS,
  REPETITIONS,
  SLICE_SECONDS,
  type SlicedSide,
} from './timing';

/**
 * The same workload, on the same server, in the same run, through our PostgreSQL store and
 * through Emmett's (`@event-driven-io/emmett-postgresql`), each in a database of its own
 * created for the run and dropped after it.
 */
export interface ComparisonWorkload {
  /** Streams (orders) the append spreads over: every tick appends one event to each. */
  readonly streams: number;
  readonly eventsPerStream: number;
  /** Length of the one stream rebuilt (read and folded). */
  readonly rebuildEvents: number;
  /** Streams in one of our tick batches (default: every stream, one batch per tick). */
  readonly streamsPerTick?: number;
  /** Timed runs of each append after an untimed warm-up; the median run is kept (default 5). */
  readonly runs?: number;
  /** Timed runs of each rebuild (default 5). */
  readonly rebuildRuns?: number;
  /** Each timed run repeats its work until it has lasted this long (default 1 s). */
  readonly minWindowSeconds?: number;
  /**
   * The sides take turns in slices this long (default `SLICE_SECONDS`): an append's slice is
   * ticks, each one event to every stream; a rebuild's, whole rebuilds.
   */
  readonly sliceSeconds?: number;
}

export interface Timed {
  readonly events: number;
  readonly wallSeconds: number;
  /** CPU time of this process: the client side. */
  readonly cpuSeconds: number;
  /** CPU time of the server's processes; null when they cannot be read (postgresServerCpu.ts). */
  readonly serverCpuSeconds: number | null;
  readonly eventsPerSecond: number;
}

export interface StoreFigures {
  /** One `appendToStream` / one-stream `appendBatch` per stream per tick, each its own transaction. */
  readonly append: Timed;
  readonly rebuild: Timed;
}

export interface EmmettComparison {
  readonly workload: Required<ComparisonWorkload> & {
    readonly events: number;
    readonly dataBytes: number;
  };
  /** `appendPerTick`: one `appendBatch` (one transaction) per tick of `streamsPerTick` streams, as the engine appends. */
  readonly ours: StoreFigures & { readonly appendPerTick: Timed };
  readonly emmett: StoreFigures;
  /** Every kept run of every side, in the order they ran. */
  readonly runs: {
    readonly oneStream: readonly Timed[];
    readonly perTick: readonly Timed[];
    readonly emmett: readonly Timed[];
    readonly oursRebuild: readonly Timed[];
    readonly emmettRebuild: readonly Timed[];
  };
  readonly ratios: {
    /** Same shape on both sides: one stream per call. */
    readonly append: number;
    /** Ours as the engine uses it (a batch per tick) against Emmett's one call per stream. */
    readonly appendPerTick: number;
    readonly rebuild: number;
  };
  /**
   * The same ratios in CPU time per event, client and server together (Emmett's over ours): what
   * each store costs whatever else the machine runs. Null when the server's CPU cannot be read.
   */
  readonly cpuRatios: {
    readonly append: number;
    readonly appendPerTick: number;
    readonly rebuild: number;
  } | null;
}

const TS = 1_700_000_000_000;

/**
 * A take-profit ladder at work, with the fields of EVENTS.md and the engine's own client order
 * ids: each level's trigger, then its fill (about 90 bytes of JSON each).
 */
const benchEvent = (stream: number, n: number): NewEvent => {
  const level = 1 + (Math.floor(n / 2) % 3);
  const price = Math.round((2680 + ((n * 7 + stream) % 500) / 100) * 100) / 100;
  const cid = clientOrderId(`bench-${stream}`, PURPOSE.takeProfit, level, Math.floor(n / 6));
  return n % 2 === 0
    ? {
        type: 'TpTriggered',
        ts: TS + n * 100,
        data: { level, price, targetPrice: price, quantity: 0.0042, clientOrderId: cid },
      }
    : {
        type: 'TpFilled',
        ts: TS + n * 100,
        data: { level, price, quantity: 0.0042, clientOrderId: cid },
      };
};

interface Rebuilt {
  readonly events: number;
  readonly triggered: number;
  readonly filled: number;
}

const initialRebuilt = (): Rebuilt => ({ events: 0, triggered: 0, filled: 0 });

/** The same fold on both sides, cheap on purpose: the figure is the store's, not a decider's. */
const fold = (
  state: Rebuilt,
  event: { readonly type: string; readonly data: unknown },
): Rebuilt => {
  const { quantity } = event.data as { readonly quantity: number };
  return event.type === 'TpFilled'
    ? { ...state, events: state.events + 1, filled: state.filled + quantity }
    : { ...state, events: state.events + 1, triggered: state.triggered + quantity };
};

/** A timed slice: this process's CPU and the server's beside the wall time. */
interface ServerWindow extends Window {
  /** CPU time of the server's processes; null when they cannot be read. */
  readonly serverCpuSeconds: number | null;
}

const addedServerWindows = (a: ServerWindow, b: ServerWindow): ServerWindow => ({
  ...addedWindows(a, b),
  serverCpuSeconds:
    a.serverCpuSeconds === null || b.serverCpuSeconds === null
      ? null
      : a.serverCpuSeconds + b.serverCpuSeconds,
});

/** Runs `next` (a tick of appends, a rebuild) again until the slice has lasted `seconds`. */
const timedSlice = async (
  serverCpu: ServerCpuMeter | null,
  seconds: number,
  next: () => Promise<number>,
): Promise<ServerWindow> => {
  const cpu = process.cpuUsage();
  const server = serverCpu?.() ?? null;
  const started = process.hrtime.bigint();
  let wallSeconds = 0;
  let work = 0;
  do {
    work += await next();
    wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  } while (wallSeconds < seconds);
  const used = process.cpuUsage(cpu);
  return {
    work,
    wallSeconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    serverCpuSeconds: server === null || serverCpu === null ? null : serverCpu() - server,
  };
};

const timedOf = (w: ServerWindow): Timed => ({
  events: w.work,
  wallSeconds: w.wallSeconds,
  cpuSeconds: w.cpuSeconds,
  serverCpuSeconds: w.serverCpuSeconds,
  eventsPerSecond: w.work / w.wallSeconds,
});

const appended = async (pending: ReturnType<EventStore['appendBatch']>): Promise<void> => {
  const result = await pending;
  if (isLeft(result)) throw new Error(`bench append refused: ${result.left.message}`);
};

/** One of the ways to run the workload: how it appends, how it fills and rebuilds a stream. */
interface Side {
  /** Appends the tick's event to each of the workload's streams, named `${prefix}-${n}`. */
  readonly appendTick: (prefix: string, tick: number) => Promise<void>;
  readonly fill: (stream: string, events: number) => Promise<void>;
  readonly rebuild: (stream: string) => Promise<Rebuilt>;
}

type Workload = Required<ComparisonWorkload>;

const chunks = <A>(events: number, make: (n: number) => A): A[][] =>
  Array.from({ length: Math.ceil(events / 1_000) }, (_, c) =>
    Array.from({ length: Math.min(1_000, events - c * 1_000) }, (_, i) => make(c * 1_000 + i)),
  );

const oursAppend = (prefix: string, stream: number, tick: number): AppendToStream => ({
  stream: `${prefix}-${stream}`,
  expectedVersion: tick === 0 ? 'no_stream' : tick,
  events: [benchEvent(stream, tick)],
});

/** Ours twice: one stream per `appendBatch` like Emmett, and one `appendBatch` per tick. */
const oursSides = (store: EventStore, w: Workload): { oneStream: Side; perTick: Side } => {
  const rest = {
    fill: async (stream: string, events: number) => {
      for (const [c, chunk] of chunks(events, (n) => benchEvent(0, n)).entries()) {
        const expectedVersion = c === 0 ? 'no_stream' : c * 1_000;
        await appended(store.appendBatch([{ stream, expectedVersion, events: chunk }]));
      }
    },
    rebuild: async (stream: string) =>
      (await store.readStream(stream)).reduce(fold, initialRebuilt()),
  };
  return {
    oneStream: {
      ...rest,
      appendTick: async (prefix, tick) => {
        for (let n = 0; n < w.streams; n += 1)
          await appended(store.appendBatch([oursAppend(prefix, n, tick)]));
      },
    },
    perTick: {
      ...rest,
      appendTick: async (prefix, tick) => {
        for (let first = 0; first < w.streams; first += w.streamsPerTick) {
          const size = Math.min(w.streamsPerTick, w.streams - first);
          const batch = Array.from({ length: size }, (_, i) => oursAppend(prefix, first + i, tick));
          await appended(store.appendBatch(batch));
        }
      },
    },
  };
};

/** Emmett's own way: `appendToStream` per stream, exact expected version (0n: a new stream). */
const emmettSide = (store: PostgresEventStore, w: Workload): Side => {
  const toEmmett = ({ type, ts, data }: NewEvent) => ({
    type,
    data: data as Record<string, unknown>,
    metadata: { ts },
  });
  return {
    appendTick: async (prefix, tick) => {
      for (let n = 0; n < w.streams; n += 1)
        await store.appendToStream(`${prefix}-${n}`, [toEmmett(benchEvent(n, tick))], {
          expectedStreamVersion: BigInt(tick),
        });
    },
    fill: async (stream, events) => {
      for (const [c, chunk] of chunks(events, (n) => toEmmett(benchEvent(0, n))).entries()) {
        await store.appendToStream(stream, chunk, { expectedStreamVersion: BigInt(c * 1_000) });
      }
    },
    rebuild: async (stream) =>
      (await store.aggregateStream(stream, { evolve: fold, initialState: initialRebuilt })).state,
  };
};

/**
 * A side's appends as the engine makes them, tick after tick: `eventsPerStream` ticks fill a
 * pass of `streams` streams, and the next tick starts a pass on new streams. Each call appends
 * one tick and says how many events; `written` counts them all, warm-up included.
 */
const appending = (side: Side, w: Workload, name: string) => {
  let pass = 0;
  let tick = 0;
  const cursor = {
    written: 0,
    next: async (): Promise<number> => {
      await side.appendTick(`smart-order-${name}${pass}`, tick);
      cursor.written += w.streams;
      tick += 1;
      if (tick === w.eventsPerStream) {
        tick = 0;
        pass += 1;
      }
      return w.streams;
    },
  };
  return cursor;
};

/**
 * Before each repetition: the server writes out the pages the one before dirtied
 * (`CHECKPOINT`), so that no repetition pays for another's writes. Without it, in windows
 * taken one after the other, Emmett's appends ran at 3,553 and 3,645 events/s when they
 * followed Emmett's own and at 2,683–2,874 when they followed ours, and the ratio of the appends
 * spread over 0.91–1.84×. In slices, each side's writes are checkpointed in the other's slices
 * as much as in its own. Where the server refuses the checkpoint (a role without
 * `pg_checkpoint`), the repetitions run without it, and it is said.
 */
const settleServer = (url: string): (() => Promise<void>) => {
  let refused = false;
  return async () => {
    if (refused) return;
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CHECKPOINT');
    } catch (e) {
      refused = true;
      process.stderr.write(
        `  the comparison's windows run without a checkpoint before them: ${e instanceof Error ? e.message : String(e)}\n`,
      );
    } finally {
      await client.end();
    }
  };
};

/** The run of median rate (by nearest rank: a run that was measured), whose wall and CPU times belong together. */
const medianRun = (runs: readonly Timed[]): Timed => {
  const rate = percentile(
    runs.map((t) => t.eventsPerSecond),
    50,
  );
  return runs.find((t) => t.eventsPerSecond === rate) as Timed;
};

/** Client and server CPU per event over every kept run: sturdier than one run's. */
const cpuPerEvent = (runs: readonly Timed[]): number =>
  runs.reduce((s, t) => s + t.cpuSeconds + (t.serverCpuSeconds ?? NaN), 0) /
  runs.reduce((s, t) => s + t.events, 0);

const databaseUrl = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  parsed.searchParams.delete('schema');
  return parsed.toString();
};

const countRows = async (url: string, table: string): Promise<number> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
};

/** Names of the databases a comparison creates (and drops), so a caller can check for leftovers. */
export const COMPARISON_DATABASE_PREFIX = 'bench_cmp_';

const withDatabases = async <A>(
  url: string,
  use: (ours: string, emmett: string) => Promise<A>,
): Promise<A> => {
  const tag = randomBytes(4).toString('hex');
  const names = ['ours', 'emmett'].map((side) => `${COMPARISON_DATABASE_PREFIX}${side}_${tag}`);
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`CREATE DATABASE "${name}"`);
    const [ours, emmett] = names.map((name) => databaseUrl(url, name)) as [string, string];
    return await use(ours, emmett);
  } finally {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
};

export const compareWithEmmett = (
  url: string,
  workload: ComparisonWorkload,
): Promise<EmmettComparison> =>
  withDatabases(url, async (oursUrl, emmettUrl) => {
    const w: Workload = {
      streamsPerTick: workload.streams,
      runs: REPETITIONS,
      rebuildRuns: REPETITIONS,
      minWindowSeconds: MIN_WINDOW_SECONDS,
      sliceSeconds: SLICE_SECONDS,
      ...workload,
    };
    const events = w.streams * w.eventsPerStream;
    const serverCpu = await postgresServerCpu(url);
    const oursStore = await getPostgresEventStore(oursUrl);
    const emmettStore = getPostgreSQLEventStore(emmettUrl);
    try {
      const ours = oursSides(oursStore, w);
      const emmett = emmettSide(emmettStore, w);
      const settle = settleServer(url);
      const slices = <K extends string>(sides: Record<K, () => Promise<number>>, runs: number) =>
        interleavedSlices<K, ServerWindow>(
          runs,
          Object.fromEntries(
            Object.entries<() => Promise<number>>(sides).map(([k, next]) => [
              k,
              { slice: (seconds: number) => timedSlice(serverCpu, seconds, next) },
            ]),
          ) as Record<K, SlicedSide<ServerWindow>>,
          {
            windowSeconds: w.minWindowSeconds,
            sliceSeconds: w.sliceSeconds,
            // The server's CPU, not this process's, is most of an append's.
            minCpuSeconds: 0,
            warmUp: true,
            settle,
            add: addedServerWindows,
          },
        );
      const cursors = {
        perTick: appending(ours.perTick, w, 'tick'),
        oneStream: appending(ours.oneStream, w, 'one'),
        emmett: appending(emmett, w, 'one'),
      };
      const appendWindows = await slices(
        {
          perTick: cursors.perTick.next,
          oneStream: cursors.oneStream.next,
          emmett: cursors.emmett.next,
        },
        w.runs,
      );
      const appends = {
        perTick: appendWindows.perTick.map(timedOf),
        oneStream: appendWindows.oneStream.map(timedOf),
        emmett: appendWindows.emmett.map(timedOf),
      };
      const [oursHolds, emmettHolds] = [
        await countRows(oursUrl, `${DEFAULT_SCHEMA}.events`),
        await countRows(emmettUrl, 'emt_messages'),
      ];
      const oursWrote = cursors.perTick.written + cursors.oneStream.written;
      const emmettWrote = cursors.emmett.written;
      if (oursHolds !== oursWrote || emmettHolds !== emmettWrote) {
        throw new Error(
          `appends lost: ours holds ${oursHolds} events of ${oursWrote}, Emmett ${emmettHolds} of ${emmettWrote}`,
        );
      }

      const stream = 'smart-order-rebuild';
      await ours.oneStream.fill(stream, w.rebuildEvents);
      await emmett.fill(stream, w.rebuildEvents);
      const rebuild = (side: Side) => async () => {
        const state = await side.rebuild(stream);
        if (state.events !== w.rebuildEvents)
          throw new Error(`rebuild folded ${state.events} events of ${w.rebuildEvents}`);
        return w.rebuildEvents;
      };
      const rebuildWindows = await slices(
        { ours: rebuild(ours.oneStream), emmett: rebuild(emmett) },
        w.rebuildRuns,
      );
      const rebuilds = {
        ours: rebuildWindows.ours.map(timedOf),
        emmett: rebuildWindows.emmett.map(timedOf),
      };

      const sizes = Array.from({ length: 100 }, (_, n) => JSON.stringify(benchEvent(n, n).data));
      const rate = (runs: readonly Timed[]): number => medianRun(runs).eventsPerSecond;
      return {
        workload: { ...w, events, dataBytes: sizes.join('').length / sizes.length },
        ours: {
          append: medianRun(appends.oneStream),
          appendPerTick: medianRun(appends.perTick),
          rebuild: medianRun(rebuilds.ours),
        },
        emmett: { append: medianRun(appends.emmett), rebuild: medianRun(rebuilds.emmett) },
        runs: {
          oneStream: appends.oneStream,
          perTick: appends.perTick,
          emmett: appends.emmett,
          oursRebuild: rebuilds.ours,
          emmettRebuild: rebuilds.emmett,
        },
        ratios: {
          append: rate(appends.oneStream) / rate(appends.emmett),
          appendPerTick: rate(appends.perTick) / rate(appends.emmett),
          rebuild: rate(rebuilds.ours) / rate(rebuilds.emmett),
        },
        cpuRatios:
          serverCpu === null
            ? null
            : {
                append: cpuPerEvent(appends.emmett) / cpuPerEvent(appends.oneStream),
                appendPerTick: cpuPerEvent(appends.emmett) / cpuPerEvent(appends.perTick),
                rebuild: cpuPerEvent(rebuilds.emmett) / cpuPerEvent(rebuilds.ours),
              },
      };
    } finally {
      await oursStore.close();
      await emmettStore.close();
    }
  });
