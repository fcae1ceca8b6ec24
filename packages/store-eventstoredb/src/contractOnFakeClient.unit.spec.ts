import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '@smart-orders/testkit';
import { getEventStoreDbEventStore } from './eventStoreDbEventStore';
import { getFakeEventStoreDbClient } from './testing/fakeEventStoreDbClient';

// One fake server shared by every test, each test under its own stream prefix: the isolation
// the integration spec relies on against a real, shared server.
const server = getFakeEventStoreDbClient();

describeEventStoreContract(
  'EventStoreDB adapter on a fake server',
  async () => {
    const streamPrefix = `run-${randomUUID()}-`;
    return {
      store: getEventStoreDbEventStore(server, { streamPrefix }),
      reopen: async () => getEventStoreDbEventStore(server, { streamPrefix }),
      cleanup: async () => undefined,
    };
  },
  // No writer locks on EventStoreDB (docs/stores.md): the adapter does not offer lockWriter.
  { writerLocks: false },
);
