import {
  startThrowawayPostgres,
  whyNoThrowawayPostgres,
  type ThrowawayPostgres,
} from '@smart-orders/store-postgres/testing';
import { Client } from 'pg';
import { postgresRestartSeconds } from './postgresRestart';

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

  it('rebuilds every open order the engine wrote before it stopped, then takes ticks, and drops its schema', async () => {
    const before = await restartSchemas(url());
    const restart = await postgresRestartSeconds(url(), 300);

    expect(restart.openOrders).toBe(300);
    // Every order has its creation, and the market entries of the mix their fills.
    expect(restart.events).toBeGreaterThan(300);
    expect(restart.restartSeconds).toBeGreaterThan(0);
    expect(restart.firstTickMs).toBeGreaterThan(0);
    // The rebuild reads the whole log from the server, whose CPU time a local cluster shows.
    if (given === undefined) expect(restart.serverCpuSeconds).toBeGreaterThan(0);
    expect(await restartSchemas(url())).toBe(before);
  }, 300_000);
});
