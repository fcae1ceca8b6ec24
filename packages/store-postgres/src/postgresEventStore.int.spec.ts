import { describeEventStoreContract } from '@smart-orders/testkit';
import { getPostgresEventStore } from './getPostgresEventStore';
import { describeWithPostgres, dropSchema, uniqueSchema } from './testing/describeWithPostgres';

describeWithPostgres('PostgreSQL event store (real server)', (server) => {
  describeEventStoreContract('PostgreSQL', async () => {
    const schema = uniqueSchema();
    const open = () => getPostgresEventStore(server.url(), { schema });
    return { store: await open(), reopen: open, cleanup: () => dropSchema(server.url(), schema) };
  });

  // The same contract on a schema ordered by transaction id, without the global lock.
  describeEventStoreContract('PostgreSQL, transaction order', async () => {
    const schema = uniqueSchema('tx');
    const open = () => getPostgresEventStore(server.url(), { schema, globalOrder: 'transaction' });
    return { store: await open(), reopen: open, cleanup: () => dropSchema(server.url(), schema) };
  });
});
