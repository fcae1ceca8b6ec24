import type { EventStore, StoredEvent } from '@smart-orders/engine';
import type { ClientConfig, Pool } from 'pg';
import { merge, Subject } from 'rxjs';
import { appendBatch, type AppendSettings } from './appendBatch';
import { appendNotifications } from './appendNotifications';
import { readAll, readPage, readStream } from './readEvents';
import { readCheckpoint } from './readCheckpoint';
import { subscribeAll } from './subscribeAll';
import type { StoreTables } from './storeTables';
import { writerLocks } from './writerLocks';

export interface StoreSettings extends AppendSettings {
  readonly pollIntervalMs: number;
}

/**
 * The port over an already migrated schema. The store owns the pool: `close()` stops live
 * subscriptions (they complete), then ends the LISTEN connection and the pool.
 */
export const postgresEventStore = (
  pool: Pool,
  listenConfig: ClientConfig,
  tables: StoreTables,
  settings: StoreSettings,
): EventStore => {
  const notifications = appendNotifications(listenConfig, tables.channel);
  const localAppends = new Subject<void>();
  const subscriptions = new Set<() => void>();
  let closing: Promise<void> | null = null;
  const append = appendBatch(pool, tables, settings);
  const order = settings.order ?? { kind: 'log-head' };
  const locks = writerLocks(listenConfig, tables);

  return {
    appendBatch: async (appends, checkpoints, fence) => {
      const result = await append(appends, checkpoints, fence);
      localAppends.next();
      return result;
    },
    readStream: readStream(pool, tables),
    readAll: readAll(pool, tables, order),
    subscribeAll: subscribeAll({
      readPage: (after, limit): Promise<StoredEvent[]> =>
        readPage(pool, tables, order, after, limit),
      // Appends of this process wake its subscribers even when NOTIFY is off.
      wakeUps: settings.notify ? merge(notifications.wakeUps, localAppends) : localAppends,
      pollIntervalMs: settings.pollIntervalMs,
      track: (stop) => {
        subscriptions.add(stop);
        return () => subscriptions.delete(stop);
      },
    }),
    readCheckpoint: readCheckpoint(pool, tables),
    lockWriter: locks.lockWriter,
    close: () => {
      closing ??= (async () => {
        for (const stop of subscriptions) stop();
        await locks.releaseAll();
        localAppends.complete();
        await notifications.close();
        await pool.end();
      })();
      return closing;
    },
  };
};
