export { describeEventStoreContract, type ContractOptions } from './describeEventStoreContract';
export type { EventStoreFactory, EventStoreUnderTest } from './storeHarness';
