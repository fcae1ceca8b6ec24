import { appendBatchFunction } from './appendBatchFunction';
import type { StoreTables } from './storeTables';

/** One step of the store's schema; versions are applied in increasing order, each exactly once. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: (tables: StoreTables) => string;
}

/*
 * Global order (see docs/stores.md, "PostgreSQL"): positions come from a sequence, but a
 * transaction that drew position 10 may commit after one that drew 11, and a reader at 11 would
 * then skip 10 for ever. So every row carries the id of the transaction that wrote it, readers
 * only read rows of transactions older than the oldest one still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`), and `reserve_positions` hands out positions and
 * the transaction id under one short lock, so that positions increase with transaction ids:
 * reading by position is reading by (transaction_id, position), and a reader resuming after the
 * last position it saw can neither skip nor repeat an event.
 *
 * The lock is a session-level advisory lock released inside the function, so appends wait for
 * each other only while they draw their positions, not until they commit.
 */
const createEventLog = (t: StoreTables): string => `
  CREATE SEQUENCE ${t.positions} AS bigint;

  CREATE TABLE ${t.events} (
    position       bigint PRIMARY KEY,
    transaction_id xid8   NOT NULL DEFAULT pg_current_xact_id(),
    stream         text   NOT NULL,
    version        bigint NOT NULL CHECK (version > 0),
    ts             bigint NOT NULL,
    type           text   NOT NULL,
    data           json   NOT NULL,
    CONSTRAINT events_stream_version_key UNIQUE (stream, version)
  );

  CREATE TABLE ${t.streams} (
    stream  text   PRIMARY KEY,
    version bigint NOT NULL CHECK (version >= 0)
  );

  CREATE TABLE ${t.checkpoints} (
    name  text PRIMARY KEY,
    value text NOT NULL
  );

  CREATE TABLE ${t.snapshots} (
    stream  text   PRIMARY KEY,
    version bigint NOT NULL,
    state   json   NOT NULL
  );

  CREATE FUNCTION ${t.reservePositions}(count bigint) RETURNS bigint
  LANGUAGE plpgsql AS $fn$
  DECLARE
    lock_key constant bigint := hashtextextended('smart-orders:positions:${t.schema}', 0);
    first bigint;
  BEGIN
    PERFORM pg_advisory_lock(lock_key);
    PERFORM pg_current_xact_id();
    first := nextval('${t.positions}');
    IF count > 1 THEN
      PERFORM setval('${t.positions}', first + count - 1);
    END IF;
    PERFORM pg_advisory_unlock(lock_key);
    RETURN first;
  END
  $fn$;

  ${appendBatchFunction(t)}
`;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description:
      'event log, streams, checkpoints, snapshots; positions reserved in transaction order',
    sql: createEventLog,
  },
];
