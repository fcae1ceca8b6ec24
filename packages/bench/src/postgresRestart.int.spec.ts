import {
  startThrowawayPostgres,
  whyNoThrowawayPostgres,
  type ThrowawayPostgres,
} from '@smart-orders/store-postgres/testing';
import { Client } from 'pg';
import { postgresRestartsInTurns } from './postgresRestart';

const given = process.env['SMART_ORDERS_PG_URL'];
const missing = given === undefined ? whyNoThrowawayPostgres() : null;
const describePg = missing === null ? describe : describe.skip;
if (missing !== null)
  console.warn(
    `SKIPPED the PostgreSQL restart figure: no PostgreSQL server. Set SMART_ORDERS_PG_URL, or: ${missing}`,
  );

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

describePg('restart of an engine on PostgreSQL', () => {
  let cluster: ThrowawayPostgres | null = null;
  const url = (): string => cluster?.url ?? (given as string);
  beforeAll(async () => {
    if (given === undefined) cluster = await startThrowawayPostgres();
  }, 600_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

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
