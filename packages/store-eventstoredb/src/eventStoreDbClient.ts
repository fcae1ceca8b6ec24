import {
  EventStoreDBClient,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type StreamMetadata,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { eventStoreDbError } from './eventStoreDbError';

export interface AllEventsSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
}

/**
 * The part of `EventStoreDBClient` this adapter calls, and all a test fake has to implement.
 * The real client satisfies it as it is (its streams are async iterables).
 */
export interface EventStoreDbClient {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: { readonly expectedRevision: AppendExpectedRevision },
  ): Promise<AppendResult>;
  readStream(streamName: string, options: ReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options: ReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options: SubscribeToAllOptions): AllEventsSubscription;
  setStreamMetadata(streamName: string, metadata: StreamMetadata): Promise<unknown>;
  dispose(): Promise<void>;
}

/** A client for `esdb://host:2113?tls=false` (or `esdb+discover://…`); it connects on first use. */
export const connectEventStoreDb = (connectionString: string): EventStoreDbClient => {
  try {
    return EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    throw eventStoreDbError(
      'INVALID_CONNECTION_STRING',
      `${connectionString}: ${error instanceof Error ? error.message : String(error)} ` +
        '(expected an EventStoreDB connection string such as esdb://localhost:2113?tls=false)',
    );
  }
};
