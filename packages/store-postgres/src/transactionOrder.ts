import { createHash } from 'node:crypto';
import { VERSION_MISMATCH } from './appendBatchFunction';
import { STALE_LEASE_EPOCH } from './headTakenLast';
import type { StoreTables } from './storeTables';

/**
 * The global order without a global lock (migration 5, opt-in per schema: docs/stores.md, "The
 * transaction order"). An append of a `transaction`-ordered schema takes no common lock:
 *
 * 1. it announces itself with a shared advisory lock on the store's appender key, held until it
 *    ends; shared locks do not wait for each other, and readers find in-flight appenders by it;
 * 2. with a fence, it holds the lease stream's advisory lock in share mode and checks the epoch;
 * 3. it takes the advisory lock of every stream it appends, exclusive, in key order;
 * 4. only then does it write (the streams' versions, checked; its events; its checkpoints): the
 *    first write gives the transaction its id. Advisory locks and reads give none, so a batch
 *    that waited for another on a stream gets its id after that one's commit, a larger one.
 *
 * An event's position is its transaction's id (relative to the schema's `xid_base`) times
 * 65,536 plus its place in the batch: increasing in transaction-id order, and known to the
 * append before it commits. Readers see only positions below the horizon: the smallest id of
 * this store's appenders still in flight (or the next id to be given, when none is), so no
 * event can later appear below what a reader has passed (readEvents.ts).
 */
export const TRANSACTION_ORDER = 'transaction';

/** Events one batch may hold: its place in the batch is the low 16 bits of a position. */
export const EVENTS_PER_TRANSACTION = 65_536;

/** The first key of every store's appender lock; the second is the schema's (`appenderKey`). */
export const APPENDING_KEY = 0x534f4150 & 0x7fffffff;

/** A positive int4 of the schema's name: the second key of its appender lock. */
export const appenderKey = (schema: string): number =>
  createHash('sha256').update(`smart-orders:${schema}`).digest().readUInt32BE(0) & 0x7fffffff;

export const transactionOrder = (t: StoreTables): string => `
  CREATE TABLE ${t.storeOrder} (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    global_order text    NOT NULL CHECK (global_order IN ('log_head', '${TRANSACTION_ORDER}')),
    xid_base     bigint
  );
  -- A schema that has events keeps the order it has; an empty one may be switched when opened.
  INSERT INTO ${t.storeOrder} (global_order) VALUES ('log_head');

  CREATE FUNCTION ${t.appendBatchInTransactionOrder}(
    p_streams text[], p_counts bigint[], p_required bigint[],
    p_event_streams text[], p_event_offsets bigint[], p_event_ts bigint[], p_event_types text[],
    p_event_data json,
    p_checkpoint_names text[], p_checkpoint_values text[],
    p_channel text,
    p_fence_stream text, p_fence_epoch bigint
  ) RETURNS jsonb
  LANGUAGE plpgsql AS $fn$
  DECLARE
    v_total constant bigint := coalesce(cardinality(p_event_streams), 0);
    v_first bigint;
    v_after jsonb;
    v_before jsonb;
    v_mismatch boolean;
    v_epoch bigint;
    v_key bigint;
  BEGIN
    PERFORM pg_advisory_xact_lock_shared(${APPENDING_KEY}, ${appenderKey(t.schema)});

    IF p_fence_stream IS NOT NULL THEN
      PERFORM pg_advisory_xact_lock_shared(hashtextextended(${literal(t.schema)} || ':' || p_fence_stream, 0));
      SELECT (data ->> 'epoch')::bigint INTO v_epoch
      FROM ${t.events} WHERE stream = p_fence_stream ORDER BY version DESC LIMIT 1;
      IF coalesce(v_epoch, 0) <> p_fence_epoch THEN
        RAISE EXCEPTION USING
          ERRCODE = '${STALE_LEASE_EPOCH}',
          MESSAGE = 'stale lease epoch',
          DETAIL = coalesce(v_epoch, 0)::text;
      END IF;
    END IF;

    -- In key order: two batches over the same streams cannot deadlock, even on a hash collision.
    FOR v_key IN
      SELECT DISTINCT hashtextextended(${literal(t.schema)} || ':' || s, 0) AS k
      FROM unnest(p_streams) AS s ORDER BY k
    LOOP
      PERFORM pg_advisory_xact_lock(v_key);
    END LOOP;

    IF v_total >= ${EVENTS_PER_TRANSACTION} THEN
      RAISE EXCEPTION 'a batch of % events: the transaction order holds at most ${EVENTS_PER_TRANSACTION - 1} per batch', v_total;
    END IF;

    -- The first write: from here the transaction has its id, after every lock it waited for.
    WITH locked AS (
      INSERT INTO ${t.streams} AS s (stream, version)
      SELECT b.stream, b.count FROM unnest(p_streams, p_counts) AS b (stream, count)
      ORDER BY b.stream
      ON CONFLICT (stream) DO UPDATE SET version = s.version + EXCLUDED.version
      RETURNING s.stream, s.version
    )
    SELECT coalesce(jsonb_object_agg(stream, version), '{}') INTO v_after FROM locked;

    SELECT coalesce(jsonb_object_agg(b.stream, (v_after ->> b.stream)::bigint - b.count), '{}'),
           coalesce(bool_or(b.required <> (v_after ->> b.stream)::bigint - b.count), false)
    INTO v_before, v_mismatch
    FROM unnest(p_streams, p_counts, p_required) AS b (stream, count, required);

    IF v_mismatch THEN
      RAISE EXCEPTION USING
        ERRCODE = '${VERSION_MISMATCH}',
        MESSAGE = 'expected version mismatch',
        DETAIL = v_before::text;
    END IF;

    IF v_total > 0 THEN
      SELECT (pg_current_xact_id()::text::bigint - o.xid_base) * ${EVENTS_PER_TRANSACTION} + 1
      INTO v_first FROM ${t.storeOrder} AS o;

      INSERT INTO ${t.events} (position, stream, version, ts, type, data)
      SELECT v_first + e.ord - 1, e.stream, (v_before ->> e.stream)::bigint + e.offset_in_stream,
             e.ts, e.type, e.data
      FROM ROWS FROM (
             unnest(p_event_streams), unnest(p_event_offsets), unnest(p_event_ts), unnest(p_event_types),
             json_array_elements(p_event_data)
           ) WITH ORDINALITY AS e (stream, offset_in_stream, ts, type, data, ord);
      IF p_channel IS NOT NULL THEN
        PERFORM pg_notify(p_channel, '');
      END IF;
    END IF;

    INSERT INTO ${t.checkpoints} (name, value)
    SELECT c.name, c.value FROM unnest(p_checkpoint_names, p_checkpoint_values) AS c (name, value)
    ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value;

    RETURN jsonb_build_object('first', v_first, 'before', v_before);
  END
  $fn$;
`;

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * The horizon of a reader, as one statement: the smallest transaction id among this store's
 * appenders still in flight, or the next id to be given when none is. Its snapshot is taken
 * before `pg_locks` is read: an appender that gets its id after that has one at or above the
 * snapshot's `xmax`; one in flight at the snapshot and still holding its locks is counted; one
 * that ended in between is visible to the read that follows, in a snapshot of its own.
 */
export const horizonQuery = (t: StoreTables): string => `
  WITH snap AS (SELECT pg_current_snapshot() AS s),
  appenders AS (
    SELECT own.transactionid
    FROM pg_locks AS marker
    JOIN pg_locks AS own ON own.pid = marker.pid
      AND own.locktype = 'transactionid' AND own.mode = 'ExclusiveLock' AND own.granted
    WHERE marker.locktype = 'advisory' AND marker.granted AND marker.objsubid = 2
      AND marker.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND marker.classid::text::bigint = ${APPENDING_KEY}
      AND marker.objid::text::bigint = ${appenderKey(t.schema)}
  )
  SELECT least(
    (SELECT pg_snapshot_xmax(s)::text::bigint FROM snap),
    (SELECT min(x::text::bigint) FROM snap, pg_snapshot_xip(s) AS x
      WHERE (x::text::bigint % 4294967296)::text IN (SELECT transactionid::text FROM appenders))
  )::text AS horizon,
  (SELECT xid_base FROM ${t.storeOrder})::text AS base
`;
