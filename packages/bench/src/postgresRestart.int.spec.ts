import { describeWithPostgres, PG_URL_VARIABLE } from '@smart-orders/store-postgres/testing';
import { postgresRestartsInTurns } from './postgresRestart';
import { schemasLike } from './schemasLike';

// Only a throwaway cluster of this machine shows the server's CPU time.
const given = process.env[PG_URL_VARIABLE];

const restartSchemas = (url: string): Promise<number> => schemasLike(url, 'bench\\_restart\\_%');

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
