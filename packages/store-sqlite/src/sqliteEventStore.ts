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
  type ExpectedVersion,
  type LeaseFence,
  type StoredEvent,
} from '@smart-orders/engine';
import { openSqliteDatabase, type SqliteDatabaseOptions } from './openSqliteDatabase';
import { pollingSubscription } from './pollingSubscription';
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

/** A stream append with its events' data already serialised. */
interface PendingAppend {
  readonly stream: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly {
    readonly ts: number;
    readonly type: string;
    readonly data: string;
    readonly value: unknown;
  }[];
}

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

  const writeBatch = db.transaction(
    (
      appends: readonly PendingAppend[],
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
      const starts: number[] = [];
      for (const { stream, expectedVersion, events } of appends) {
        const actual = versions.get(stream) ?? sql.streamVersion.get(stream) ?? 0;
        if (!versionMatches(expectedVersion, actual))
          return left(conflict(stream, expectedVersion, actual));
        versions.set(stream, actual + events.length);
        starts.push(actual);
      }
      const written: StoredEvent[] = [];
      for (const [i, { stream, events }] of appends.entries()) {
        const start = starts[i] as number;
        const orderId = orderIdOfStream(stream);
        for (const [n, { ts, type, data, value }] of events.entries()) {
          const version = start + n + 1;
          const { lastInsertRowid } = sql.insertEvent.run(stream, version, ts, type, data);
          written.push({
            position: Number(lastInsertRowid),
            stream,
            orderId,
            version,
            ts,
            type,
            // The caller's own value, not a parse of the text just written: the engine appends
            // JSON-clean event data, and parsing it back cost as much as the insert.
            data: value === undefined ? null : value,
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
      const pending = appends.map(({ stream, expectedVersion, events }) => ({
        stream,
        expectedVersion,
        events: events.map(({ ts, type, data }) => ({
          ts,
          type,
          data: asJsonText(data),
          value: data,
        })),
      }));
      // IMMEDIATE takes the write lock before the versions are read: no other process can
      // commit between the check and the write.
      const outcome = writeBatch.immediate(pending, checkpoints, fence);
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

    close: async () => {
      if (!db.open) return;
      appended.complete();
      locks.releaseAll();
      db.close();
    },
  };
};
