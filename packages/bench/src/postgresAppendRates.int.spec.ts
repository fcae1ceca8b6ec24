import { describeWithPostgres } from '@smart-orders/store-postgres/testing';
import { measurePostgresAppendRates } from './postgresFigures';
import { schemasLike } from './schemasLike';

const benchSchemas = (url: string): Promise<number> => schemasLike(url, 'bench\\_%');

describeWithPostgres('PostgreSQL appends, repetitions in turns', ({ url }) => {
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
