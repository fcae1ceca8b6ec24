import { describeWithPostgres, PG_URL_VARIABLE } from '@smart-orders/store-postgres/testing';
import { Client } from 'pg';
import { COMPARISON_DATABASE_PREFIX, compareWithEmmett } from './emmettComparison';
import { postgresServerCpu } from './postgresServerCpu';

// Only a throwaway cluster of this machine shows the server's CPU time.
const given = process.env[PG_URL_VARIABLE];

const comparisonDatabases = async (url: string): Promise<number> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_database WHERE datname LIKE $1',
      [`${COMPARISON_DATABASE_PREFIX}%`],
    );
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
};

describeWithPostgres(
  'our PostgreSQL store against Emmett’s, same workload, same server',
  ({ url }) => {
    it('times every figure in slices taken in turn, rates them per event, and leaves no database behind', async () => {
      const before = await comparisonDatabases(url());
      const result = await compareWithEmmett(url(), {
        streams: 6,
        eventsPerStream: 4,
        rebuildEvents: 1_500,
        streamsPerTick: 4,
        runs: 2,
        rebuildRuns: 3,
        // One slice of one tick (or one rebuild) per run: the test checks the arithmetic, not a figure.
        minWindowSeconds: 0,
        sliceSeconds: 0,
      });

      expect(result.workload.events).toBe(24);
      expect(result.workload.dataBytes).toBeGreaterThan(60);
      for (const appended of [
        result.ours.append,
        result.ours.appendPerTick,
        result.emmett.append,
      ]) {
        // A tick: one event to each of the 6 streams.
        expect(appended.events).toBe(6);
        expect(appended.eventsPerSecond).toBeCloseTo(6 / appended.wallSeconds, 6);
      }
      for (const rebuilt of [result.ours.rebuild, result.emmett.rebuild]) {
        expect(rebuilt.events).toBe(1_500);
        expect(rebuilt.cpuSeconds).toBeGreaterThan(0);
      }
      expect(result.ratios.append).toBeCloseTo(
        result.ours.append.eventsPerSecond / result.emmett.append.eventsPerSecond,
        9,
      );
      expect(result.ratios.appendPerTick).toBeCloseTo(
        result.ours.appendPerTick.eventsPerSecond / result.emmett.append.eventsPerSecond,
        9,
      );
      expect(result.ratios.rebuild).toBeCloseTo(
        result.ours.rebuild.eventsPerSecond / result.emmett.rebuild.eventsPerSecond,
        9,
      );
      if (given === undefined) {
        // A throwaway cluster runs on this machine, so its processes' CPU time is read.
        expect(result.ours.append.serverCpuSeconds).toBeGreaterThan(0);
        expect(result.emmett.append.serverCpuSeconds).toBeGreaterThan(0);
        expect(result.cpuRatios?.append).toBeGreaterThan(0);
      }
      expect(await comparisonDatabases(url())).toBe(before);
    }, 300_000);

    it('reads no server CPU time for a server on another machine', async () => {
      expect(await postgresServerCpu('postgres://bench@db.example.com:5432/orders')).toBeNull();
    });
  },
);
