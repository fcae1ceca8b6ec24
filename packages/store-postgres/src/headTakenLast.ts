import { VERSION_MISMATCH } from './appendBatchFunction';
import type { StoreTables } from './storeTables';

/** SQLSTATE of a batch fenced off by `append_batch`: its DETAIL holds the lease's current epoch. */
export const STALE_LEASE_EPOCH = 'SO410';

/**
 * The append with lease fencing, and the head of the log taken last (docs/stores.md, "The
 * global order").
 *
 * Version 1 updated `log_head` as its first statement and held the lock until commit, so every
 * append of the store waited for the whole of the one before it. Now a batch does everything
 * that concerns only its partition first, side by side with the batches of other partitions:
 * 1. with a fence, it holds its lease stream's row in share mode until commit (a take-over
 *    updates that row, so the two cannot interleave) and compares the epoch of the lease
 *    stream's last event with its own;
 * 2. it locks its stream rows, in stream-name order (two batches over the same streams cannot
 *    deadlock), moving them to their new versions, and checks the versions it expected;
 * and only then takes `log_head`, draws its positions, writes its events, checkpoints and
 * notification, and commits. The head's lock still orders the positions in commit order
 * without holes, exactly as in version 1; it is now held for the insert and the commit only.
 * A batch holding `log_head` holds only rows of its own partition besides, and waits for
 * nothing else, so no cycle of waits can form.
 */
export const headTakenLast = (t: StoreTables): string => `
  DROP FUNCTION ${t.appendBatch}(text[], bigint[], bigint[], text[], bigint[], bigint[], text[], json, text[], text[], text);

  CREATE FUNCTION ${t.appendBatch}(
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
  BEGIN
    IF p_fence_stream IS NOT NULL THEN
      PERFORM 1 FROM ${t.streams} WHERE stream = p_fence_stream FOR SHARE;
      -- A statement of its own: it sees a take-over the lock above waited for.
      SELECT (data ->> 'epoch')::bigint INTO v_epoch
      FROM ${t.events} WHERE stream = p_fence_stream ORDER BY version DESC LIMIT 1;
      IF coalesce(v_epoch, 0) <> p_fence_epoch THEN
        RAISE EXCEPTION USING
          ERRCODE = '${STALE_LEASE_EPOCH}',
          MESSAGE = 'stale lease epoch',
          DETAIL = coalesce(v_epoch, 0)::text;
      END IF;
    END IF;

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
      UPDATE ${t.logHead} SET last_position = last_position + v_total
      RETURNING last_position - v_total + 1 INTO v_first;

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
