import type { StoreTables } from './storeTables';

/** SQLSTATE of an expected-version mismatch raised by `append_batch`; its DETAIL holds the versions found. */
export const VERSION_MISMATCH = 'SO409';

/**
 * The whole append as one function, so that a batch costs one round trip and its statement is
 * its transaction: take the head of the log (locked until commit, which orders the appends, see
 * migrations.ts) and the batch's positions, lock every stream row of the batch (creating
 * missing ones) while moving it to its new version, check
 * the versions found against the ones required, then write the events (numbered after the
 * version each stream had), the checkpoints and the notification. A mismatch raises, which
 * rolls everything back; the caller turns it into a `ConcurrencyConflict`.
 *
 * `p_required` holds, per stream, the version it must be at (null: any), reduced from the
 * expected versions of its appends by requiredVersions.ts. `p_event_data` is one JSON array of
 * the events' data rather than a json[]: one document to build and to parse instead of an array
 * literal of escaped strings.
 */
export const appendBatchFunction = (t: StoreTables): string => `
  CREATE FUNCTION ${t.appendBatch}(
    p_streams text[], p_counts bigint[], p_required bigint[],
    p_event_streams text[], p_event_offsets bigint[], p_event_ts bigint[], p_event_types text[],
    p_event_data json,
    p_checkpoint_names text[], p_checkpoint_values text[],
    p_channel text
  ) RETURNS jsonb
  LANGUAGE plpgsql AS $fn$
  DECLARE
    v_total constant bigint := coalesce(cardinality(p_event_streams), 0);
    v_first bigint;
    v_after jsonb;
    v_before jsonb;
    v_mismatch boolean;
  BEGIN
    -- Every batch, even one without events, queues here first: the append holding this row is
    -- the only one in progress, so no other append holds the rows it locks next (no deadlock).
    UPDATE ${t.logHead} SET last_position = last_position + v_total
    RETURNING last_position - v_total + 1 INTO v_first;

    WITH locked AS (
      INSERT INTO ${t.streams} AS s (stream, version)
      SELECT b.stream, b.count FROM unnest(p_streams, p_counts) AS b (stream, count)
      ON CONFLICT (stream) DO UPDATE SET version = s.version + EXCLUDED.version
      RETURNING s.stream, s.version
    )
    SELECT coalesce(jsonb_object_agg(stream, version), '{}') INTO v_after FROM locked;

    -- Versions are looked up in jsonb maps rather than joined: the planner cannot know how many
    -- rows an unnest has, and a nested loop over a thousand streams costs a million comparisons.
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

    RETURN jsonb_build_object('first', CASE WHEN v_total > 0 THEN v_first END, 'before', v_before);
  END
  $fn$;
`;
