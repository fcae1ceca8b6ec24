import {
  conflict,
  orderIdOfStream,
  type AppendResult,
  type AppendToStream,
  type Checkpoint,
  type ConcurrencyConflict,
  type EventStore,
  type StoredEvent,
} from '@smart-orders/engine';
import { isLeft, left, right, type Either } from 'fp-ts/Either';
import type { Pool, PoolClient } from 'pg';
import { eventCountsByStream, planBatch, type EventRows } from './planBatch';
import type { StoreTables } from './storeTables';

export interface AppendSettings {
  readonly notify: boolean;
  /** Test seam: runs inside the transaction, after every write, right before COMMIT. */
  readonly beforeCommit?: () => Promise<void>;
}

const UNIQUE_VIOLATION = '23505';

/** One transaction for every stream and checkpoint of the batch: a tick is committed whole or not at all. */
export const appendBatch =
  (pool: Pool, tables: StoreTables, settings: AppendSettings): EventStore['appendBatch'] =>
  async (appends, checkpoints = []) => {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await appendInTransaction(client, tables, settings, appends, checkpoints);
      await client.query(isLeft(result) ? 'ROLLBACK' : 'COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (isUniqueViolation(error)) return left(await conflictFromEvents(client, tables, appends));
      // The connection may still hold the positions lock if the error struck inside
      // reserve_positions: closing it is the one sure way to free the lock.
      broken = true;
      throw error;
    } finally {
      client.release(broken);
    }
  };

const appendInTransaction = async (
  client: PoolClient,
  tables: StoreTables,
  settings: AppendSettings,
  appends: readonly AppendToStream[],
  checkpoints: readonly Checkpoint[],
): Promise<Either<ConcurrencyConflict, AppendResult>> => {
  const eventCount = appends.reduce((sum, append) => sum + append.events.length, 0);
  // First statement of the transaction, so that its id is assigned with the positions (migrations.ts).
  const firstPosition = eventCount > 0 ? await reservePositions(client, tables, eventCount) : null;
  const plan = planBatch(appends, await lockStreams(client, tables, appends));
  if (isLeft(plan)) return plan;
  const { rows, versions } = plan.right;
  if (firstPosition !== null) {
    await client.query(
      `INSERT INTO ${tables.events} (position, stream, version, ts, type, data)
       SELECT $1::bigint + ordinality - 1, stream, version, ts, type, data
       FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::json[])
         WITH ORDINALITY AS batch (stream, version, ts, type, data, ordinality)`,
      [firstPosition, rows.streams, rows.versions, rows.timestamps, rows.types, rows.data],
    );
  }
  await saveCheckpoints(client, tables, checkpoints);
  if (firstPosition !== null && settings.notify)
    await client.query('SELECT pg_notify($1, $2)', [tables.channel, '']);
  await settings.beforeCommit?.();
  return right({
    versions,
    lastPosition: firstPosition === null ? null : firstPosition + eventCount - 1,
    events: firstPosition === null ? [] : storedEvents(rows, firstPosition),
  });
};

// The data is parsed back from the JSON that was written, so it is what a reader will get.
const storedEvents = (rows: EventRows, firstPosition: number): StoredEvent[] =>
  rows.streams.map((stream, i) => ({
    position: firstPosition + i,
    stream,
    orderId: orderIdOfStream(stream),
    version: rows.versions[i] as number,
    ts: rows.timestamps[i] as number,
    type: rows.types[i] as string,
    data: JSON.parse(rows.data[i] as string) as unknown,
  }));

const reservePositions = async (
  client: PoolClient,
  tables: StoreTables,
  count: number,
): Promise<number> => {
  const { rows } = await client.query<{ first: string }>(
    `SELECT ${tables.reservePositions}($1) AS first`,
    [count],
  );
  return Number(rows[0]?.first);
};

/**
 * Locks every stream row of the batch (creating missing ones) and moves it to its new version in
 * one statement; the versions before the batch come back for the expected-version check. Rows
 * are locked in one collation-independent order, so two batches over the same streams queue up
 * instead of deadlocking.
 */
const lockStreams = async (
  client: PoolClient,
  tables: StoreTables,
  appends: readonly AppendToStream[],
): Promise<Map<string, number>> => {
  const counts = eventCountsByStream(appends);
  const { rows } = await client.query<{ stream: string; version: string }>(
    `INSERT INTO ${tables.streams} AS s (stream, version)
     SELECT stream, count FROM unnest($1::text[], $2::bigint[]) AS batch (stream, count)
     ORDER BY stream COLLATE "C"
     ON CONFLICT (stream) DO UPDATE SET version = s.version + EXCLUDED.version
     RETURNING stream, version`,
    [[...counts.keys()], [...counts.values()]],
  );
  return new Map(
    rows.map((row) => [row.stream, Number(row.version) - (counts.get(row.stream) ?? 0)]),
  );
};

const saveCheckpoints = async (
  client: PoolClient,
  tables: StoreTables,
  checkpoints: readonly Checkpoint[],
): Promise<void> => {
  if (checkpoints.length === 0) return;
  // One row per name (the last value wins): ON CONFLICT cannot touch a row twice in a statement.
  const latest = new Map(checkpoints.map((c) => [c.name, c.value]));
  await client.query(
    `INSERT INTO ${tables.checkpoints} (name, value)
     SELECT name, value FROM unnest($1::text[], $2::text[]) AS batch (name, value)
     ORDER BY name COLLATE "C"
     ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
    [[...latest.keys()], [...latest.values()]],
  );
};

const isUniqueViolation = (error: unknown): boolean =>
  (error as { code?: unknown }).code === UNIQUE_VIOLATION &&
  (error as { constraint?: unknown }).constraint === 'events_stream_version_key';

/**
 * The stream locks make a duplicate (stream, version) impossible for writers that go through
 * them; should one slip through anyway (a writer that bypasses the streams table), the unique
 * key refuses it, and the caller still gets a conflict with the stream's real version.
 */
const conflictFromEvents = async (
  client: PoolClient,
  tables: StoreTables,
  appends: readonly AppendToStream[],
): Promise<ConcurrencyConflict> => {
  const { rows } = await client.query<{ stream: string; version: string }>(
    `SELECT stream, max(version) AS version FROM ${tables.events} WHERE stream = ANY($1::text[]) GROUP BY stream`,
    [appends.map((a) => a.stream)],
  );
  const actual = new Map(rows.map((row) => [row.stream, Number(row.version)]));
  const plan = planBatch(appends, actual);
  if (isLeft(plan)) return plan.left;
  const first = appends.find((a) => a.events.length > 0) ?? appends[0];
  if (first === undefined) throw new Error('a unique violation without any append cannot happen');
  return conflict(first.stream, first.expectedVersion, actual.get(first.stream) ?? 0);
};
