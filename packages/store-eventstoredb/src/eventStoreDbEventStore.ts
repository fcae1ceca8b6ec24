import type { EventStore, StoredEvent } from '@smart-orders/engine';
import { Observable, type Subscriber } from 'rxjs';
import { appendBatch } from './appendBatch';
import { readCheckpoint } from './checkpoints';
import { connectEventStoreDb, type EventStoreDbClient } from './eventStoreDbClient';
import { eventStoreDbError } from './eventStoreDbError';
import { keepLatestOnly } from './keepLatestOnly';
import { readAllEvents } from './readAllEvents';
import { readStreamEvents } from './readStreamEvents';
import { streamNamesFor } from './streamNames';
import { defaultResubscribePolicy, subscribeAll } from './subscribeAll';

export interface EventStoreDbOptions {
  /** Put before every stream name: isolates test runs or tenants that share a server. Default none. */
  readonly streamPrefix?: string;
  /** The stream-name beginnings this store writes and reads back. Default `smart-order-`, `account-`. */
  readonly streamCategories?: readonly string[];
  /** The wait before the n-th resubscription in a row after a dropped subscription. */
  readonly resubscribeDelayMs?: (attempt: number) => number;
}

/**
 * The persistence port on EventStoreDB: port stream `s` is server stream `<prefix>s`, version n
 * is revision n − 1, a position is the event's `$all` commit position. Given a connection
 * string, the store owns its client and disposes it on `close()`; given a client, it leaves the
 * client to its owner.
 */
export const getEventStoreDbEventStore = (
  connection: string | EventStoreDbClient,
  options: EventStoreDbOptions = {},
): EventStore => {
  const client = typeof connection === 'string' ? connectEventStoreDb(connection) : connection;
  const names = streamNamesFor(options.streamPrefix, options.streamCategories);
  const keepLatest = keepLatestOnly(client);
  const policy = {
    ...defaultResubscribePolicy,
    ...(options.resubscribeDelayMs === undefined ? {} : { delayMs: options.resubscribeDelayMs }),
  };
  const subscribe = subscribeAll(client, names, policy);
  const live = new Set<Subscriber<StoredEvent>>();
  let closed = false;

  const open =
    <A extends unknown[], R>(operation: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (closed)
        throw eventStoreDbError(
          'STORE_CLOSED',
          'the EventStoreDB event store is closed: open a new one',
        );
      return operation(...args);
    };

  return {
    appendBatch: open(appendBatch({ client, names, keepLatest })),
    readStream: open((stream: string, fromVersion?: number) =>
      readStreamEvents(client, names, stream, fromVersion),
    ),
    readAll: open((afterPosition: number, limit?: number) =>
      readAllEvents(client, names, afterPosition, limit),
    ),
    subscribeAll: (afterPosition) =>
      new Observable<StoredEvent>((subscriber) => {
        if (closed) {
          subscriber.complete();
          return undefined;
        }
        live.add(subscriber);
        const inner = subscribe(afterPosition).subscribe(subscriber);
        return () => {
          live.delete(subscriber);
          inner.unsubscribe();
        };
      }),
    readCheckpoint: open((name: string) => readCheckpoint(client, names, name)),
    close: async () => {
      if (closed) return;
      closed = true;
      for (const subscriber of [...live]) subscriber.complete();
      if (typeof connection === 'string') await client.dispose();
    },
  };
};
