import type { Tick } from '@smart-orders/core';
import { getPostgresEventStore } from '@smart-orders/store-postgres';
import { dropSchema } from '@smart-orders/store-postgres/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadedEngine } from './engineFigures';
import { postgresServerCpu } from './postgresServerCpu';
import { restartInProcess } from './restartProcess';

export interface PostgresRestart {
  readonly openOrders: number;
  /** Events in the store the restart rebuilt from. */
  readonly events: number;
  /** Open store, create the engine, `start()` resolved: every open order rebuilt, monitoring resumed. */
  readonly restartSeconds: number;
  /** CPU time of the restarted process during the restart. */
  readonly cpuSeconds: number;
  /**
   * CPU time of the server's processes around the restarted process's life; null when they
   * cannot be read.
   */
  readonly serverCpuSeconds: number | null;
  /** The first tick after the restart, through the engine and committed. */
  readonly firstTickMs: number;
  /** Every restart from the same store; the figures above are the median one's. */
  readonly runs: readonly PostgresRestartRun[];
}

export interface PostgresRestartRun {
  readonly restartSeconds: number;
  readonly cpuSeconds: number;
  readonly serverCpuSeconds: number | null;
  readonly firstTickMs: number;
}

const market = { file: '', symbol: 'ETH/USDT', mid: 2680 };
const tick = (ts: number): Tick => ({ type: 'Tick', symbol: market.symbol, ts, price: market.mid });

const query = async <A>(
  url: string,
  sql: string,
  read: (rows: Record<string, unknown>[]) => A,
): Promise<A> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return read((await client.query(sql)).rows);
  } finally {
    await client.end();
  }
};

/** `VACUUM (ANALYZE)` of every table of `schema`. */
const vacuumSchema = async (url: string, schema: string): Promise<void> => {
  const tables = await query(
    url,
    `SELECT tablename FROM pg_tables WHERE schemaname = '${schema}'`,
    (rows) => rows.map((row) => String(row['tablename'])),
  );
  for (const table of tables)
    await query(url, `VACUUM (ANALYZE) "${schema}"."${table}"`, () => undefined);
};

/** A book written by the engine in a schema of its own, settled for timed restarts. */
interface WrittenBook {
  readonly schema: string;
  readonly openOrders: number;
  readonly events: number;
}

/**
 * Writes a book of `openOrders` open orders of the realistic mix (entries filled by a first
 * tick) through the engine itself into a new schema, then closes engine and store and vacuums
 * and analyses the schema's tables. The caller drops the schema.
 */
const writeBook = async (url: string, schema: string, openOrders: number): Promise<WrittenBook> => {
  const setupStore = await getPostgresEventStore(url, { schema });
  const setup = await loadedEngine(setupStore, openOrders, market, tick(1));
  const before = setup.openOrderCount;
  await setup.stop();
  await setupStore.close();
  const events = await query(url, `SELECT count(*) AS n FROM "${schema}".events`, (rows) =>
    Number(rows[0]?.['n']),
  );
  // A restart reads a log written long before, which autovacuum has visited since. Right
  // after the book was written, the server's autoanalyze of the new tables ran beside the
  // timed restart on one of the two cores, and the restart's own reads set every row's hint
  // bits, writing the pages back: 2.4 s to 5.6 s for the same 100k orders in one run.
  await vacuumSchema(url, schema);
  return { schema, openOrders: before, events };
};

/** One timed restart from a written book, in a process of its own, as an operator's restart is. */
const restartOnce = async (
  url: string,
  book: WrittenBook,
  firstTickTs: number,
  serverCpu: (() => number) | null,
): Promise<PostgresRestartRun> => {
  const server = serverCpu?.() ?? null;
  // The server's CPU time is read around the whole process (`restartProcess.ts`), which
  // connects once and reads the log.
  const restart = await restartInProcess({
    store: { kind: 'postgres', url, schema: book.schema },
    expectedOpenOrders: book.openOrders,
    firstTick: tick(firstTickTs),
  });
  return {
    restartSeconds: restart.wallSeconds,
    cpuSeconds: restart.cpuSeconds,
    serverCpuSeconds: server === null || serverCpu === null ? null : serverCpu() - server,
    firstTickMs: restart.firstTickMs ?? 0,
  };
};

const summaryOf = (book: WrittenBook, runs: readonly PostgresRestartRun[]): PostgresRestart => {
  const median = [...runs].sort((a, b) => a.restartSeconds - b.restartSeconds)[
    Math.floor(runs.length / 2)
  ] as PostgresRestartRun;
  return { openOrders: book.openOrders, events: book.events, ...median, runs };
};

const newSchema = (): string => `bench_restart_${randomBytes(5).toString('hex')}`;

/**
 * Restarts of engines on the PostgreSQL store, each book of `openOrders` open orders in a
 * schema of its own (dropped afterwards), first read since it was written, as after a crash:
 * `books` books, all written before the first restart, then restarted `restartsEach` times in
 * rounds, every book once a round, the book that goes first changing every round. A slow
 * stretch of the machine falls on every book alike: one book after the other, with its three
 * restarts together, one such stretch made one repetition 3.69 s where the others took
 * 2.65–2.75 s (run 26, docs/performance.md). One restart of the first book runs before the
 * rounds and is not kept: the first restart of the group was the slowest by far in every run
 * (6.0, 6.2 and 7.2 s against 2.6–5.3 s), the server cold after the groups before.
 */
export const postgresRestartsInTurns = async (
  url: string,
  openOrders: number,
  books: number,
  restartsEach: number,
): Promise<PostgresRestart[]> => {
  const schemas = Array.from({ length: books }, newSchema);
  try {
    const written: WrittenBook[] = [];
    for (const schema of schemas) written.push(await writeBook(url, schema, openOrders));
    // Nor should the timed restarts pay for the writing: the server's checkpointer may still be
    // flushing the books' pages, and this process's collector the garbage the writers left.
    await query(url, 'CHECKPOINT', () => undefined);
    const serverCpu = await postgresServerCpu(url);
    const first = written[0] as WrittenBook;
    await restartOnce(url, first, 2, serverCpu);
    const runs = written.map((): PostgresRestartRun[] => []);
    for (let round = 0; round < restartsEach; round++) {
      const order = [...written.keys()];
      for (const b of round % 2 === 0 ? order : order.reverse())
        runs[b]?.push(await restartOnce(url, written[b] as WrittenBook, 3 + round, serverCpu));
    }
    return written.map((book, b) => summaryOf(book, runs[b] ?? []));
  } finally {
    for (const schema of schemas) await dropSchema(url, schema);
  }
};
