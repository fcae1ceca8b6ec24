import { isLeft, left, right, type Either } from 'fp-ts/Either';
import { Subject } from 'rxjs';
import {
  conflict,
  orderIdOfStream,
  staleLeaseEpoch,
  versionMatches,
  type Checkpoint,
  type ConcurrencyConflict,
  type EventStore,
  type LeaseFence,
  type StoredEvent,
  type AppendToStream,
} from '@smart-orders/engine';
import { openSqliteDatabase, type SqliteDatabaseOptions } from './openSqliteDatabase';
import { pollingSubscription } from './pollingSubscription';
import { sqliteBookSnapshots } from './bookSnapshots';
import { prepareStatements, type EventRow } from './sqliteStatements';
import { writerLocks } from './writerLocks';

export interface SqliteEventStoreOptions extends SqliteDatabaseOptions {
  /** How often a caught-up subscription looks for appends made by other processes (default 50 ms). */
  readonly pollIntervalMs?: number;
  /** Events a subscription reads per query while it catches up (default 5,000). */
  readonly pageSize?: number;
}

// A row written by hand or damaged on disk: say which one, not only what JSON.parse saw.
const parseData = (position: number, stream: string, version: number, data: string): unknown => {
  try {
    return JSON.parse(data);
  } catch (error) {
    throw new Error(
      `the event at position ${position} (${stream}, version ${version}) has data that is not JSON: ${(error as Error).message}`,
    );
  }
};

const toStoredEvent = ([position, stream, version, ts, type, data]: EventRow): StoredEvent => ({
  position,
  stream,
  orderId: orderIdOfStream(stream),
  version,
  ts,
  type,
  data: parseData(position, stream, version, data),
});

const asJsonText = (value: unknown): string => JSON.stringify(value === undefined ? null : value);

/**
 * The embedded event store: one SQLite file, shared safely by several processes (SQLite's write
 * lock serialises their batches; a subscription polls for the others' appends).
 */
export const getSqliteEventStore = (
  path: string,
  options: SqliteEventStoreOptions = {},
): EventStore => {
  const db = openSqliteDatabase(path, options);
  const sql = prepareStatements(db);
  const appended = new Subject<void>();
  const locks = writerLocks(db);
  const polling = {
    pollIntervalMs: options.pollIntervalMs ?? 50,
    pageSize: options.pageSize ?? 5_000,
  };

  const readAllRows = (afterPosition: number, limit?: number): StoredEvent[] =>
    sql.readAll.all(afterPosition, limit ?? -1).map(toStoredEvent);

  // Indexed loops over the caller's appends and the texts serialised before the lock: no
  // intermediate object or iterator per event, only the stored event returned.
  const writeBatch = db.transaction(
    (
      appends: readonly AppendToStream[],
      texts: readonly string[],
      checkpoints: readonly Checkpoint[],
      fence: LeaseFence | undefined,
    ): Either<ConcurrencyConflict, StoredEvent[]> => {
      // Under the write lock, like the versions: no take-over can commit between check and write.
      if (fence !== undefined) {
        const current = sql.lastEpoch.get(fence.stream);
        const epoch = typeof current === 'number' ? current : 0;
        if (epoch !== fence.epoch) throw staleLeaseEpoch(fence, epoch);
      }
      const versions = new Map<string, number>();
      const starts: number[] = new Array<number>(appends.length);
      for (let i = 0; i < appends.length; i++) {
        const { stream, expectedVersion, events } = appends[i] as AppendToStream;
        const actual = versions.get(stream) ?? sql.streamVersion.get(stream) ?? 0;
        if (!versionMatches(expectedVersion, actual))
          return left(conflict(stream, expectedVersion, actual));
        versions.set(stream, actual + events.length);
        starts[i] = actual;
      }
      const written: StoredEvent[] = [];
      let t = 0;
      for (let i = 0; i < appends.length; i++) {
        const { stream, events } = appends[i] as AppendToStream;
        const start = starts[i] as number;
        const orderId = orderIdOfStream(stream);
        for (let n = 0; n < events.length; n++) {
          const { ts, type, data } = events[n] as AppendToStream['events'][number];
          const version = start + n + 1;
          const { lastInsertRowid } = sql.insertEvent.run(
            stream,
            version,
            ts,
            type,
            texts[t++] as string,
          );
          written.push({
            position: Number(lastInsertRowid),
            stream,
            orderId,
            version,
            ts,
            type,
            // The caller's own value, not a parse of the text just written: the engine appends
            // JSON-clean event data, and parsing it back cost as much as the insert.
            data: data === undefined ? null : data,
          });
        }
      }
      for (const { name, value } of checkpoints) sql.saveCheckpoint.run(name, value);
      return right(written);
    },
  );

  return {
    appendBatch: async (appends, checkpoints = [], fence) => {
      if (appends.length === 0 && checkpoints.length === 0 && fence === undefined) {
        return right({ events: [] });
      }
      // Serialised before the write lock is taken, so the lock is held for SQLite work only.
      const texts: string[] = [];
      for (const { events } of appends) for (const { data } of events) texts.push(asJsonText(data));
      // IMMEDIATE takes the write lock before the versions are read: no other process can
      // commit between the check and the write.
      const outcome = writeBatch.immediate(appends, texts, checkpoints, fence);
      if (isLeft(outcome)) return outcome;
      const events = outcome.right;
      if (events.length > 0) appended.next();
      return right({ events });
    },

    readStream: async (stream, fromVersion = 1) =>
      sql.readStream.all(stream, fromVersion).map(toStoredEvent),

    readAll: async (afterPosition, limit) => readAllRows(afterPosition, limit),

    subscribeAll: (afterPosition) =>
      pollingSubscription(readAllRows, appended, afterPosition, polling),

    readCheckpoint: async (name) => sql.readCheckpoint.get(name) ?? null,

    lockWriter: locks.lockWriter,

    bookSnapshots: sqliteBookSnapshots(db),

    close: async () => {
      if (!db.open) return;
      appended.complete();
      locks.releaseAll();
      db.close();
    },
  };
};
