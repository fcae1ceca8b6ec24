import {
  conflict,
  orderIdOfStream,
  staleLeaseEpoch,
  type AppendResult,
  type AppendToStream,
  type Checkpoint,
  type ConcurrencyConflict,
  type EventStore,
  type LeaseFence,
  type StoredEvent,
} from '@smart-orders/engine';
import { isLeft, left, right } from 'fp-ts/Either';
import type { Pool, PoolClient } from 'pg';
import { VERSION_MISMATCH } from './appendBatchFunction';
import { STALE_LEASE_EPOCH } from './headTakenLast';
import { eventRows, planBatch, type EventRows } from './planBatch';
import { requiredVersions } from './requiredVersions';
import type { StoreOrder } from './globalOrder';
import type { StoreTables } from './storeTables';

export interface AppendSettings {
  readonly notify: boolean;
  /** The schema's global order (globalOrder.ts); `log-head` when not given. */
  readonly order?: StoreOrder;
  /** Test seam: runs inside the transaction, after every write, right before COMMIT. */
  readonly beforeCommit?: () => Promise<void>;
}

const UNIQUE_VIOLATION = '23505';

const ignoreConnectionError = (): void => undefined;

interface Appended {
  readonly first: number | null;
  readonly before: Record<string, number>;
}

/**
 * One transaction for every stream and checkpoint of the batch, a tick committed whole or not at
 * all, in one round trip: the statement is the transaction (headTakenLast.ts).
 */
export const appendBatch =
  (pool: Pool, tables: StoreTables, settings: AppendSettings): EventStore['appendBatch'] =>
  async (appends, checkpoints = [], fence) => {
    const rows = eventRows(appends);
    const client = await pool.connect();
    // A connection lost between statements (server restart, terminated backend) is reported as
    // an 'error' event, which would crash the process with no listener; the next statement fails
    // and the connection is dropped below.
    client.on('error', ignoreConnectionError);
    let broken = false;
    try {
      const { first, before } = await callAppendBatch(
        client,
        tables,
        settings,
        appends,
        rows,
        checkpoints,
        fence,
      );
      const plan = planBatch(appends, new Map(Object.entries(before)));
      if (isLeft(plan))
        throw new Error(`append_batch accepted a batch that conflicts: ${plan.left.message}`);
      const { eventVersions } = plan.right;
      return right({
        events: first === null ? [] : storedEvents(rows, eventVersions, first),
      } satisfies AppendResult);
    } catch (error) {
      const currentEpoch = fencedAtEpoch(error);
      if (fence !== undefined && currentEpoch !== null) throw staleLeaseEpoch(fence, currentEpoch);
      const refused = await asConflict(error, client, tables, appends);
      if (refused !== null) return left(refused);
      // After an unknown failure the connection's state is unknown too: pg's advice is to close it.
      broken = true;
      throw error;
    } finally {
      client.off('error', ignoreConnectionError);
      client.release(broken);
    }
  };

const callAppendBatch = async (
  client: PoolClient,
  tables: StoreTables,
  settings: AppendSettings,
  appends: readonly AppendToStream[],
  rows: EventRows,
  checkpoints: readonly Checkpoint[],
  fence: LeaseFence | undefined,
): Promise<Appended> => {
  const { streams, counts, required } = requiredVersions(appends);
  // One row per name (the last value wins): ON CONFLICT cannot touch a row twice in a statement.
  const latest = new Map(checkpoints.map((c) => [c.name, c.value]));
  const append =
    settings.order?.kind === 'transaction'
      ? tables.appendBatchInTransactionOrder
      : tables.appendBatch;
  const call = {
    // Named: the server parses the call once per connection, not at every append.
    name: append,
    text: `SELECT ${append}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) AS appended`,
    values: [
      streams,
      counts,
      required,
      rows.streams,
      rows.offsets,
      rows.timestamps,
      rows.types,
      `[${rows.data.join(',')}]`,
      [...latest.keys()],
      [...latest.values()],
      settings.notify ? tables.channel : null,
      fence?.stream ?? null,
      fence?.epoch ?? null,
    ],
  };
  if (settings.beforeCommit === undefined) return appended(await client.query(call));
  await client.query('BEGIN');
  try {
    const result = appended(await client.query(call));
    await settings.beforeCommit();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};

/** The lease's epoch when `append_batch` fenced the batch off; null for any other error. */
const fencedAtEpoch = (error: unknown): number | null => {
  const { code, detail } = error as { code?: unknown; detail?: unknown };
  return code === STALE_LEASE_EPOCH && typeof detail === 'string' ? Number(detail) : null;
};

const appended = ({
  rows,
}: {
  rows: { appended: { first: string | number | null; before: Record<string, string> } }[];
}): Appended => {
  const result = rows[0]?.appended;
  if (result === undefined) throw new Error('append_batch returned no row');
  return {
    first: result.first === null ? null : Number(result.first),
    before: Object.fromEntries(
      Object.entries(result.before).map(([stream, version]) => [stream, Number(version)]),
    ),
  };
};

// The data is parsed back from the JSON that was written, so it is what a reader will get.
const storedEvents = (rows: EventRows, versions: readonly number[], first: number): StoredEvent[] =>
  rows.streams.map((stream, i) => ({
    position: first + i,
    stream,
    orderId: orderIdOfStream(stream),
    version: versions[i] as number,
    ts: rows.timestamps[i] as number,
    type: rows.types[i] as string,
    data: JSON.parse(rows.data[i] as string) as unknown,
  }));

const asConflict = async (
  error: unknown,
  client: PoolClient,
  tables: StoreTables,
  appends: readonly AppendToStream[],
): Promise<ConcurrencyConflict | null> => {
  const { code, constraint, detail } = error as {
    code?: unknown;
    constraint?: unknown;
    detail?: unknown;
  };
  if (code === VERSION_MISMATCH && typeof detail === 'string') {
    return firstConflict(appends, JSON.parse(detail) as Record<string, string>);
  }
  if (code === UNIQUE_VIOLATION && constraint === 'events_stream_version_key') {
    return conflictFromEvents(client, tables, appends);
  }
  return null;
};

const firstConflict = (
  appends: readonly AppendToStream[],
  before: Record<string, string | number>,
): ConcurrencyConflict => {
  const plan = planBatch(appends, new Map(Object.entries(before).map(([s, v]) => [s, Number(v)])));
  if (isLeft(plan)) return plan.left;
  const first = appends[0];
  if (first === undefined) throw new Error('a version conflict in a batch without appends');
  return conflict(first.stream, first.expectedVersion, Number(before[first.stream] ?? 0));
};

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
  const actual = Object.fromEntries(rows.map((row) => [row.stream, row.version]));
  const withEvents = appends.filter((a) => a.events.length > 0);
  return firstConflict(withEvents, actual);
};
