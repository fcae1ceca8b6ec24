export { getEventStoreDbEventStore, type EventStoreDbOptions } from './eventStoreDbEventStore';
export {
  connectEventStoreDb,
  type EventStoreDbClient,
  type AllEventsSubscription,
} from './eventStoreDbClient';
export {
  isEventStoreDbError,
  type EventStoreDbError,
  type EventStoreDbErrorCode,
} from './eventStoreDbError';
export type { PartialBatchConflict } from './wrongExpectedVersion';
