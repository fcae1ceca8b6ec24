export { describeEventStoreContract } from './describeEventStoreContract';
export type { EventStoreFactory, EventStoreUnderTest } from './storeHarness';
