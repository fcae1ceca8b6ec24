import {
  startThrowawayPostgres,
  whyNoThrowawayPostgres,
  type ThrowawayPostgres,
} from '@smart-orders/store-postgres/testing';
import { Client } from 'pg';
import { measurePostgresAppendRates } from './postgresFigures';

const given = process.env['SMART_ORDERS_PG_URL'];
const missing = given === undefined ? whyNoThrowawayPostgres() : null;
const describePg = missing === null ? describe : describe.skip;
if (missing !== null)
  console.warn(
    `SKIPPED the PostgreSQL append figure: no PostgreSQL server. Set SMART_ORDERS_PG_URL, or: ${missing}`,
  );

const benchSchemas = async (url: string): Promise<number> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_namespace WHERE nspname LIKE 'bench\\_%'`,
    );
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
};

describePg('PostgreSQL appends, repetitions in turns', () => {
  let cluster: ThrowawayPostgres | null = null;
  const url = (): string => cluster?.url ?? (given as string);
  beforeAll(async () => {
    if (given === undefined) cluster = await startThrowawayPostgres();
  }, 600_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('gives a rate for each repetition over all its ticks, in turns that do not divide them evenly, and drops its schemas', async () => {
    const before = await benchSchemas(url());
    const rates = await measurePostgresAppendRates(url(), 3, { ticks: 60, ordersPerTick: 10 });
    expect(rates).toHaveLength(3);
    for (const rate of rates) {
      expect(rate).toMatchObject({ ticks: 60, eventsPerTick: 10, events: 600 });
      expect(rate.seconds).toBeGreaterThan(0);
      expect(rate.eventsPerSecond).toBeCloseTo(600 / rate.seconds);
    }
    expect(await benchSchemas(url())).toBe(before);
  }, 120_000);
});
