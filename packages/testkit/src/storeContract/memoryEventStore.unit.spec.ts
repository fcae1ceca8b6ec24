import { getInMemoryEventStore } from '@smart-orders/engine';
import { describeEventStoreContract } from './describeEventStoreContract';

// The memory adapter lives in the engine, which cannot depend on the testkit: its contract run is here.
describeEventStoreContract('in-memory', async () => ({
  store: getInMemoryEventStore(),
  cleanup: async () => undefined,
}));
