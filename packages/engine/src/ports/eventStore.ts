import type { Either } from 'fp-ts/Either';
import type { Observable } from 'rxjs';

/**
 * The persistence port: what the engine, its projections and the panel use, and nothing
 * more. Every adapter (memory, SQLite, PostgreSQL, EventStoreDB) implements it
 * and passes the shared contract suite of `@smart-orders/testkit`.
 *
 * Versions are 1-based per stream (EventStoreDB's 0-based revisions are normalised by its
 * adapter); positions are store-wide, strictly increasing in commit order as readers see them.
 */

/** `no_stream`: the stream must not exist; a number: its last version must be exactly that. */
export type ExpectedVersion = 'no_stream' | 'any' | number;

export interface NewEvent {
  readonly type: string;
  /** Epoch ms of the tick or command that caused the event; never the wall clock. */
  readonly ts: number;
  readonly data: unknown;
}

/** The serialised envelope of EVENTS.md. */
export interface StoredEvent {
  readonly position: number;
  readonly stream: string;
  readonly orderId: string | null;
  readonly version: number;
  readonly ts: number;
  readonly type: string;
  readonly data: unknown;
}

export interface AppendToStream {
  readonly stream: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly NewEvent[];
}

/** A named cursor (a replay's last tick, a projection's last position) saved with the events. */
export interface Checkpoint {
  readonly name: string;
  readonly value: string;
}

export interface ConcurrencyConflict {
  readonly code: 'CONCURRENCY_CONFLICT';
  readonly stream: string;
  readonly expectedVersion: ExpectedVersion;
  /** The stream's last version when the append was refused; 0 when it does not exist. */
  readonly actualVersion: number;
  readonly message: string;
}

export interface AppendResult {
  /**
   * The envelopes as stored, in the order of `appends` and of each stream's events, with
   * their positions and versions: the engine publishes exactly these, so a live feed and a
   * later `readAll` show the same log. Empty when nothing was written.
   */
  readonly events: readonly StoredEvent[];
}

/**
 * Fencing: the batch of an engine that owns a partition carries the epoch of its lease. The
 * store writes it only while the lease stream's last event (`EngineLeaseTaken`/`Renewed`/
 * `Released` of `@smart-orders/core`, each with `data.epoch`) is at that epoch, checked in the
 * batch's own transaction; otherwise it throws a `StaleLeaseEpoch` and writes nothing.
 */
export interface LeaseFence {
  /** The lease stream, `lease-<key>`. */
  readonly stream: string;
  readonly epoch: number;
}

/**
 * Thrown (not returned like a conflict) by `appendBatch` for a batch fenced off: another
 * engine took the partition over. Retrying cannot help; the engine must stop sending and step
 * down.
 */
export interface StaleLeaseEpoch extends Error {
  readonly code: 'STALE_LEASE_EPOCH';
  readonly stream: string;
  readonly epoch: number;
  /** The lease stream's epoch when the batch was refused; 0 when nobody ever took the lease. */
  readonly currentEpoch: number;
}

export const staleLeaseEpoch = (fence: LeaseFence, currentEpoch: number): StaleLeaseEpoch =>
  Object.assign(
    new Error(
      `${fence.stream}: batch refused, it carries lease epoch ${fence.epoch} but the lease is at epoch ${currentEpoch}: another engine owns the partition now, stop sending and step down`,
    ),
    { code: 'STALE_LEASE_EPOCH' as const, stream: fence.stream, epoch: fence.epoch, currentEpoch },
  );

export const isStaleLeaseEpoch = (error: unknown): error is StaleLeaseEpoch =>
  error instanceof Error && (error as { code?: unknown }).code === 'STALE_LEASE_EPOCH';

/** The epoch of a lease stream's last event (0 for an empty stream), as the stores read it. */
export const leaseEpochOf = (last: StoredEvent | undefined): number => {
  const epoch = (last?.data as { epoch?: unknown } | null | undefined)?.epoch;
  return typeof epoch === 'number' ? epoch : 0;
};

/**
 * Who holds a writer lock, as its holder described itself when it took it (`replay pid 4242 on
 * host-a`), and since when (epoch ms).
 */
export interface WriterLockHolder {
  readonly holder: string;
  readonly since: number;
}

/** A writer lock this process holds. */
export interface WriterLock {
  readonly name: string;
  /** False once the store can no longer vouch for it (PostgreSQL: the session holding it ended). */
  held(): boolean;
  /** Gives it up; `close()` of the store gives up every lock it holds. */
  release(): Promise<void>;
}

/**
 * The open book as of a log position, saved beside the log (`bookSnapshots`): a restart restores
 * it and folds only the log after it. It is no event: it never appears in the log, and a restart
 * without it folds the whole log to the same book.
 */
export interface BookSnapshotHeader {
  /** Every order event at or before it is folded into the snapshot; none after it is. */
  readonly position: number;
  /** The code that wrote it (`codeRelease.ts`): only the same code reads it. */
  readonly release: string;
  /** The key lists its packed states name, as JSON. */
  readonly shapes: string;
  /** The ended orders the book remembered (late copies of their fills), as JSON. */
  readonly ended: string;
  /** Each symbol's market (the last stored on it), as JSON. */
  readonly markets: string;
  /** How many open orders it holds. */
  readonly orders: number;
}

/** An open order in a snapshot: its creation position, its state packed, how it is watched. */
export interface SnapshotOrder {
  readonly orderId: string;
  readonly seq: number;
  /** `statePacking.ts`: one byte a character. */
  readonly state: string;
  /** What the book indexes it by (`bookSnapshot.ts`), so a restore need not unpack its state. */
  readonly watch: string;
}

/** What a snapshot is read into: its header first, then its orders in creation order. */
export interface BookSnapshotReader {
  header(header: BookSnapshotHeader): void;
  order(order: SnapshotOrder): void;
}

/**
 * Optional capability: one snapshot of the open book, kept beside the log. A store that has it
 * keeps it in its own transactions, so a snapshot is whole or absent, never half written.
 */
export interface BookSnapshots {
  /**
   * Replaces the snapshot in one transaction if the log's order events after `foldedThrough`
   * and up to `header.position` are exactly `orderEvents` in number, those the book folded
   * since it read the log: another writer's order event among them would be missing from the
   * book. Otherwise writes nothing and returns false.
   */
  write(
    header: BookSnapshotHeader,
    orders: Iterable<SnapshotOrder>,
    since: { readonly foldedThrough: number; readonly orderEvents: number },
  ): Promise<boolean>;
  /**
   * Reads the snapshot into `into`, in one read transaction, and returns its header; null, with
   * nothing read, when there is none, when another release wrote it, or when the log ends
   * before its position (it is not this log's).
   */
  read(release: string, into: BookSnapshotReader): Promise<BookSnapshotHeader | null>;
}

export interface EventStore {
  /**
   * Appends to several streams and saves the checkpoints in one transaction: all or nothing.
   * A version conflict on any stream is returned as a value and nothing is written. With a
   * `fence`, a batch whose lease epoch is no longer the lease stream's throws `StaleLeaseEpoch`.
   */
  appendBatch(
    appends: readonly AppendToStream[],
    checkpoints?: readonly Checkpoint[],
    fence?: LeaseFence,
  ): Promise<Either<ConcurrencyConflict, AppendResult>>;
  /** Events of one stream from `fromVersion` (inclusive, default 1); a missing stream is empty. */
  readStream(stream: string, fromVersion?: number): Promise<readonly StoredEvent[]>;
  /** Events of every stream after `afterPosition` (exclusive, 0 = from the start) in store order. */
  readAll(afterPosition: number, limit?: number): Promise<readonly StoredEvent[]>;
  /**
   * The global feed, catch-up then live: every event after `afterPosition`, exactly once and
   * in store order, including those appended by other processes; completes when the store
   * closes. The panel's push hub follows the store with it.
   */
  subscribeAll(afterPosition: number): Observable<StoredEvent>;
  /** The value last saved under `name` by `appendBatch`; null when none was. */
  readCheckpoint(name: string): Promise<string | null>;
  /**
   * Optional capability: one writer at a time for `name`, kept OUTSIDE the event log: it is no
   * event, has no position and never appears in `readAll`, `subscribeAll` or a stream, so a
   * writer interrupted and run again leaves the same log as one that ran once. Taken at once or
   * refused at once with the holder (`Left`); freed by `release()`, by `close()`, or by the
   * holder's death (a PostgreSQL session's advisory lock; a SQLite row whose process is gone).
   */
  readonly lockWriter?: (
    name: string,
    holder: string,
  ) => Promise<Either<WriterLockHolder, WriterLock>>;
  /** Optional capability: a snapshot of the open book beside the log (`BookSnapshots`). */
  readonly bookSnapshots?: BookSnapshots;
  /** Ends live subscriptions (they complete) and releases the store's connections. */
  close(): Promise<void>;
}

export const orderStream = (orderId: string): string => `smart-order-${orderId}`;
export const accountStream = (accountId: string): string => `account-${accountId}`;
export { leaseStreamName as leaseStream } from '@smart-orders/core';

const ORDER_STREAM_PREFIX = 'smart-order-';

/** The order id of a smart-order stream; null for the account streams. */
export const orderIdOfStream = (stream: string): string | null =>
  stream.startsWith(ORDER_STREAM_PREFIX) ? stream.slice(ORDER_STREAM_PREFIX.length) : null;

export const conflict = (
  stream: string,
  expectedVersion: ExpectedVersion,
  actualVersion: number,
): ConcurrencyConflict => ({
  code: 'CONCURRENCY_CONFLICT',
  stream,
  expectedVersion,
  actualVersion,
  message: `${stream}: expected version ${String(expectedVersion)}, but the stream is at version ${actualVersion}`,
});

/** Whether a stream at `actualVersion` (0 = absent) satisfies `expected`. */
export const versionMatches = (expected: ExpectedVersion, actualVersion: number): boolean =>
  expected === 'any'
    ? true
    : expected === 'no_stream'
      ? actualVersion === 0
      : expected === actualVersion;
