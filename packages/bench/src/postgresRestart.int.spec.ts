import { describeWithPostgres, PG_URL_VARIABLE } from '@smart-orders/store-postgres/testing';
import { Client } from 'pg';
import { postgresRestartsInTurns } from './postgresRestart';

// Only a throwaway cluster of this machine shows the server's CPU time.
const given = process.env[PG_URL_VARIABLE];

const restartSchemas = async (url: string): Promise<number> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_namespace WHERE nspname LIKE 'bench\\_restart\\_%'`,
    );
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
};

describeWithPostgres('restart of an engine on PostgreSQL', ({ url }) => {
  it('rebuilds every open order each book holds, in rounds of restarts, then takes ticks, and drops its schemas', async () => {
    const before = await restartSchemas(url());
    const books = await postgresRestartsInTurns(url(), 300, 2, 2);

    expect(books).toHaveLength(2);
    for (const book of books) {
      expect(book.openOrders).toBe(300);
      // Every order has its creation, and the market entries of the mix their fills.
      expect(book.events).toBeGreaterThan(300);
      expect(book.runs).toHaveLength(2);
      for (const run of book.runs) {
        expect(run.restartSeconds).toBeGreaterThan(0);
        expect(run.firstTickMs).toBeGreaterThan(0);
        // The rebuild reads the whole log from the server, whose CPU time a local cluster shows.
        if (given === undefined) expect(run.serverCpuSeconds).toBeGreaterThan(0);
      }
    }
    expect(await restartSchemas(url())).toBe(before);
  }, 300_000);
});
