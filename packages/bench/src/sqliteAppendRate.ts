import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isLeft } from 'fp-ts/Either';
import { orderStream, type AppendToStream } from '@smart-orders/engine';
import { getSqliteEventStore, type SqliteEventStoreOptions } from '@smart-orders/store-sqlite';
import type { Window } from './figure';
import { MIN_WINDOW_SECONDS, timeWindow } from './timing';

export interface AppendRateShape {
  /** Batches appended, one per simulated tick. */
  readonly batches: number;
  /** Streams (orders) touched by each batch. */
  readonly streamsPerBatch: number;
  /** Orders the batches are spread over. */
  readonly orders: number;
}

export interface AppendRate {
  readonly eventsPerSecond: number;
  readonly events: number;
  readonly batches: number;
  readonly seconds: number;
  /**
   * CPU time of this process while appending. On a shared machine, `events / cpuSeconds` says
   * what the store costs when the wall clock also counts other processes' turns.
   */
  readonly cpuSeconds: number;
}

/** A fixed pseudo-random sequence (mulberry32), so every run appends the same events. */
const pseudoRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** The batches of one run, built before any clock starts: the same for every run. */
const batchesOf = (shape: AppendRateShape): AppendToStream[][] => {
  const random = pseudoRandom(42);
  const versions = new Map<string, number>();
  const ticks: AppendToStream[][] = [];
  for (let tick = 0; tick < shape.batches; tick += 1) {
    const streams = new Set<string>();
    while (streams.size < shape.streamsPerBatch)
      streams.add(orderStream(`o-${Math.floor(random() * shape.orders)}`));
    ticks.push(
      [...streams].map((stream) => {
        const version = versions.get(stream) ?? 0;
        const count = 1 + Math.floor(random() * 3);
        versions.set(stream, version + count);
        return {
          stream,
          expectedVersion: version === 0 ? 'no_stream' : version,
          events: Array.from({ length: count }, (_, i) => ({
            type: 'TrailingRaised',
            ts: 1_700_000_000_000 + tick,
            data: { mark: 100 + tick / 100, stopPrice: 98 + tick / 100, index: i },
          })),
        };
      }),
    );
  }
  return ticks;
};

const DEFAULT_SHAPE: AppendRateShape = { batches: 10_000, streamsPerBatch: 10, orders: 10_000 };

/** The rate of a timed window of appends (`timeWindow`, whose work is the events written). */
const rateOf = (batches: number, w: Window): AppendRate => ({
  eventsPerSecond: Math.round(w.work / w.wallSeconds),
  events: w.work,
  batches,
  seconds: w.wallSeconds,
  cpuSeconds: w.cpuSeconds,
});

/**
 * Appended events per second on an SQLite file (which should not exist yet), grouped per tick
 * as the engine appends them: each batch is one transaction over `streamsPerBatch` orders with
 * 1–3 events each, expecting each order's exact version. Events are built before the clock
 * starts, so the rate is the store's, not the generator's.
 */
export const measureSqliteAppendRate = async (
  path: string,
  shape: AppendRateShape = DEFAULT_SHAPE,
  options: SqliteEventStoreOptions = {},
): Promise<AppendRate> => {
  const ticks = batchesOf(shape);
  const events = ticks.flat().reduce((sum, append) => sum + append.events.length, 0);
  const store = getSqliteEventStore(path, options);
  try {
    const window = await timeWindow(async () => {
      for (const appends of ticks) {
        const result = await store.appendBatch(appends);
        if (isLeft(result))
          throw new Error(`the benchmark's own versions conflict: ${result.left.message}`);
      }
      return events;
    });
    return rateOf(ticks.length, window);
  } finally {
    await store.close();
  }
};

const STREAM_INDEX = /,\s*UNIQUE \(stream, version\)/;

/**
 * Makes the store's events table again from its own definition without `UNIQUE (stream,
 * version)`, whose index is what reads one stream and what refuses a second event at a version.
 * SQLite cannot drop the index of a table's constraint, and the schema stays the store's
 * migrations' alone: the table, empty yet, is dropped and made again.
 */
const dropStreamIndex = (db: Database.Database): void => {
  const table = db
    .prepare<[], string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'")
    .pluck()
    .get();
  if (table === undefined || !STREAM_INDEX.test(table))
    throw new Error(
      `the store's events table has no UNIQUE (stream, version) to leave out: ${table ?? 'no table'}`,
    );
  db.exec(`DROP TABLE events; ${table.replace(STREAM_INDEX, '')}`);
};

export interface BareSqliteOptions {
  /**
   * False: the table loses its per-stream index, to show what that index costs. A batch of the
   * default shape touches ten random streams, so it dirties about ten of the index's leaf pages,
   * each written to the WAL as a frame of its own, where the rows themselves fill one or two.
   */
  readonly streamIndex?: boolean;
}

/**
 * The floor under the store: the same batches written by better-sqlite3 alone into a file with
 * the store's schema (made by the store, which is then closed) and its settings (WAL,
 * `synchronous=NORMAL`, a checkpoint every 10,000 pages), one IMMEDIATE transaction per batch,
 * one prepared INSERT per event, the JSON texts made before the clock starts, and no versions
 * read or checked. What the store's rate misses of this, it adds; what this misses of a
 * target, SQLite does.
 */
export const measureBareSqliteAppendRate = async (
  path: string,
  shape: AppendRateShape = DEFAULT_SHAPE,
  options: BareSqliteOptions = {},
): Promise<AppendRate> => {
  const ticks = batchesOf(shape);
  await getSqliteEventStore(path).close();
  const rows = ticks.map((appends) =>
    appends.flatMap(({ stream, expectedVersion, events }) =>
      events.map(
        ({ ts, type, data }, i) =>
          [
            stream,
            (expectedVersion === 'no_stream' ? 0 : (expectedVersion as number)) + i + 1,
            ts,
            type,
            JSON.stringify(data),
          ] as const,
      ),
    ),
  );
  const events = rows.reduce((sum, batch) => sum + batch.length, 0);
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('wal_autocheckpoint = 10000');
    if (options.streamIndex === false) dropStreamIndex(db);
    const insert = db.prepare<[string, number, number, string, string]>(
      'INSERT INTO events (stream, version, ts, type, data) VALUES (?, ?, ?, ?, ?)',
    );
    const write = db.transaction((batch: (typeof rows)[number]) => {
      for (const row of batch) insert.run(...row);
    });
    const window = await timeWindow(() => {
      for (const batch of rows) write.immediate(batch);
      return events;
    });
    return rateOf(rows.length, window);
  } finally {
    db.close();
  }
};

/**
 * The bare rate without the per-stream index (`streamIndex: false`), over as many fresh files in
 * `dir` as make a window of at least `MIN_WINDOW_SECONDS`: one pass of the default batches
 * takes under a second.
 */
export const measureUnindexedAppendRate = async (
  dir: string,
  shape: AppendRateShape = DEFAULT_SHAPE,
): Promise<AppendRate> => {
  let events = 0;
  let batches = 0;
  let seconds = 0;
  let cpuSeconds = 0;
  for (let pass = 0; seconds < MIN_WINDOW_SECONDS; pass++) {
    const path = join(dir, `unindexed-${pass}.sqlite`);
    const rate = await measureBareSqliteAppendRate(path, shape, { streamIndex: false });
    events += rate.events;
    batches += rate.batches;
    seconds += rate.seconds;
    cpuSeconds += rate.cpuSeconds;
  }
  return { eventsPerSecond: Math.round(events / seconds), events, batches, seconds, cpuSeconds };
};
