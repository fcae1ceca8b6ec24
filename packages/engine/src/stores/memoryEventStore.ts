import { left, right } from 'fp-ts/Either';
import { Observable, Subject } from 'rxjs';
import {
  conflict,
  leaseEpochOf,
  orderIdOfStream,
  staleLeaseEpoch,
  versionMatches,
  type EventStore,
  type StoredEvent,
  type WriterLockHolder,
} from '../ports/eventStore';

/**
 * What a durable store would give back: a JSON copy. Code tested against the memory store then
 * sees the same data as in production (no `undefined` fields, no objects shared with the caller).
 */
const asJson = (value: unknown): unknown =>
  value === undefined ? null : JSON.parse(JSON.stringify(value));

const closedError = (): Error =>
  Object.assign(new Error('the in-memory event store is closed: open a new one'), {
    code: 'STORE_CLOSED',
  });

/**
 * The event store of `--store memory:` and of tests: everything lives in this process and is
 * lost when it ends. Positions are the 1-based index in one log, so reads are array slices.
 */
export const getInMemoryEventStore = (): EventStore => {
  const log: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  const checkpoints = new Map<string, string>();
  const appended = new Subject<void>();
  // Writer locks live beside the log, never in it; this store is one process's, so they are too.
  const writers = new Map<string, WriterLockHolder>();
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw closedError();
  };

  const versionOf = (stream: string): number => streams.get(stream)?.length ?? 0;

  const subscribeAll = (afterPosition: number): Observable<StoredEvent> =>
    new Observable<StoredEvent>((subscriber) => {
      let next = Math.max(0, Math.floor(afterPosition));
      // An observer that appends from inside `next` would otherwise re-enter this loop and see
      // later events before the one it is handling returns.
      let draining = false;
      const drain = (): void => {
        if (draining) return;
        draining = true;
        while (!subscriber.closed && next < log.length) {
          const event = log[next] as StoredEvent;
          next += 1;
          subscriber.next(event);
        }
        draining = false;
      };
      const live = appended.subscribe({ next: drain, complete: () => subscriber.complete() });
      drain();
      return () => live.unsubscribe();
    });

  return {
    appendBatch: async (appends, checkpointsToSave = [], fence) => {
      ensureOpen();
      if (fence !== undefined) {
        const current = leaseEpochOf(streams.get(fence.stream)?.at(-1));
        if (current !== fence.epoch) throw staleLeaseEpoch(fence, current);
      }
      const versions = new Map<string, number>();
      for (const { stream, expectedVersion, events } of appends) {
        const actual = versions.get(stream) ?? versionOf(stream);
        if (!versionMatches(expectedVersion, actual)) {
          return left(conflict(stream, expectedVersion, actual));
        }
        versions.set(stream, actual + events.length);
      }
      // Everything that can throw (serialising data) happens before the first write.
      const pending = appends.map(({ stream, events }) => ({
        stream,
        events: events.map((e) => ({ ts: e.ts, type: e.type, data: asJson(e.data) })),
      }));
      const written: StoredEvent[] = [];
      for (const { stream, events } of pending) {
        if (events.length === 0) continue;
        const streamEvents = streams.get(stream) ?? [];
        for (const { ts, type, data } of events) {
          const stored: StoredEvent = {
            position: log.length + 1,
            stream,
            orderId: orderIdOfStream(stream),
            version: streamEvents.length + 1,
            ts,
            type,
            data,
          };
          log.push(stored);
          streamEvents.push(stored);
          written.push(stored);
        }
        streams.set(stream, streamEvents);
      }
      for (const { name, value } of checkpointsToSave) checkpoints.set(name, value);
      if (written.length > 0) appended.next();
      return right({ events: written });
    },

    readStream: async (stream, fromVersion = 1) => {
      ensureOpen();
      return (streams.get(stream) ?? []).slice(Math.max(0, fromVersion - 1));
    },

    readAll: async (afterPosition, limit) => {
      ensureOpen();
      const from = Math.max(0, Math.floor(afterPosition));
      return limit === undefined ? log.slice(from) : log.slice(from, from + Math.max(0, limit));
    },

    subscribeAll,

    readCheckpoint: async (name) => {
      ensureOpen();
      return checkpoints.get(name) ?? null;
    },

    lockWriter: async (name, holder) => {
      ensureOpen();
      const current = writers.get(name);
      if (current !== undefined) return left(current);
      const mine = { holder, since: Date.now() };
      writers.set(name, mine);
      return right({
        name,
        held: () => !closed && writers.get(name) === mine,
        release: async () => {
          if (writers.get(name) === mine) writers.delete(name);
        },
      });
    },

    close: async () => {
      if (closed) return;
      closed = true;
      writers.clear();
      appended.complete();
    },
  };
};
