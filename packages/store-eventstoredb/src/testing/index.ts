/**
 * `@smart-orders/store-eventstoredb/testing`: an in-process EventStoreDB client for tests that
 * need no server, kept out of the package's main entry.
 */
export { getFakeEventStoreDbClient, type FakeEventStoreDbClient } from './fakeEventStoreDbClient';
