import type { Tick } from '@smart-orders/core';
import { getPostgresEventStore } from '@smart-orders/store-postgres';
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

/**
 * Restart of an engine on the PostgreSQL store holding `openOrders` open orders of the realistic
 * mix (entries filled by a first tick), in a schema of its own dropped afterwards. The book is
 * written by the engine itself, then the engine and store are closed, the schema's tables
 * vacuumed and analysed, and the clock runs from opening the store again to `start()`
 * resolving, in a process of its own; `repetitions` times from the same store.
 */
export const postgresRestartSeconds = async (
  url: string,
  openOrders = 100_000,
  repetitions = 1,
): Promise<PostgresRestart> => {
  const schema = `bench_restart_${randomBytes(5).toString('hex')}`;
  try {
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
    // Nor should the timed restarts pay for the writing: the server's checkpointer may still be
    // flushing the book's pages, and this process's collector the garbage the writer engine
    // left. Before this, one restart in five took 3.4–3.6 s against 2.2–2.7 s in two runs; after
    // it, one in five still took 3.5 s in one full run of two (docs/performance.md).
    await query(url, 'CHECKPOINT', () => undefined);

    const serverCpu = await postgresServerCpu(url);
    const runs: PostgresRestartRun[] = [];
    for (let r = 0; r < repetitions; r++) {
      const server = serverCpu?.() ?? null;
      // In a process of its own, as an operator's restart is (`restartProcess.ts`); the server's
      // CPU time is read around the whole process, which connects once and reads the log.
      const restart = await restartInProcess({
        store: { kind: 'postgres', url, schema },
        expectedOpenOrders: before,
        firstTick: tick(2 + r),
      });
      const serverCpuSeconds = server === null || serverCpu === null ? null : serverCpu() - server;
      runs.push({
        restartSeconds: restart.wallSeconds,
        cpuSeconds: restart.cpuSeconds,
        serverCpuSeconds,
        firstTickMs: restart.firstTickMs ?? 0,
      });
    }
    const median = [...runs].sort((a, b) => a.restartSeconds - b.restartSeconds)[
      Math.floor(runs.length / 2)
    ] as PostgresRestartRun;
    return { openOrders: before, events, ...median, runs };
  } finally {
    await query(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`, () => undefined);
  }
};
