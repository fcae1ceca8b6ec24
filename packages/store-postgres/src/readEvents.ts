import { orderIdOfStream, type EventStore, type StoredEvent } from '@smart-orders/engine';
import type { Pool } from 'pg';
import type { StoreOrder } from './globalOrder';
import type { StoreTables } from './storeTables';
import { EVENTS_PER_TRANSACTION, horizonQuery } from './transactionOrder';

// Rows as arrays: reading 300k events is dominated by row decoding, and arrays decode fastest.
type EventRow = [
  position: string,
  stream: string,
  version: string,
  ts: string,
  type: string,
  data: unknown,
];

const COLUMNS = 'position, stream, version, ts, type, data';

/** Pages of `readAll` without a limit: bounded memory per query, one snapshot per page. */
const READ_ALL_PAGE = 10_000;

const toStoredEvent = ([position, stream, version, ts, type, data]: EventRow): StoredEvent => ({
  position: Number(position),
  stream,
  orderId: orderIdOfStream(stream),
  version: Number(version),
  ts: Number(ts),
  type,
  data,
});

export const readStream =
  (pool: Pool, tables: StoreTables): EventStore['readStream'] =>
  async (stream, fromVersion = 1) => {
    const { rows } = await pool.query<EventRow>({
      text: `SELECT ${COLUMNS} FROM ${tables.events} WHERE stream = $1 AND version >= $2 ORDER BY version`,
      values: [stream, fromVersion],
      rowMode: 'array',
    });
    return rows.map(toStoredEvent);
  };

/**
 * The first position a reader may not read yet: every event below it is committed or will never
 * be. On a `log-head` schema that is everything committed (appends commit in position order,
 * migrations.ts); on a `transaction` schema, the positions of transactions below the horizon
 * (transactionOrder.ts).
 */
const readableBelow = async (
  pool: Pool,
  tables: StoreTables,
  order: StoreOrder,
): Promise<number> => {
  if (order.kind === 'log-head') return Number.MAX_SAFE_INTEGER;
  const { rows } = await pool.query<{ horizon: string; base: string }>(horizonQuery(tables));
  const row = rows[0];
  if (row === undefined) throw new Error('the horizon query returned no row');
  return Number((BigInt(row.horizon) - BigInt(row.base)) * BigInt(EVENTS_PER_TRANSACTION));
};

/**
 * One page of the global order: after `afterPosition`, below what is readable. A reader
 * resuming after the last position it saw never finds a new event below it. The horizon is
 * read first, in a statement of its own, so the page's snapshot sees everything below it.
 */
export const readPage = async (
  pool: Pool,
  tables: StoreTables,
  order: StoreOrder,
  afterPosition: number,
  limit: number,
): Promise<StoredEvent[]> => {
  const below = await readableBelow(pool, tables, order);
  const { rows } = await pool.query<EventRow>({
    text: `SELECT ${COLUMNS} FROM ${tables.events}
           WHERE position > $1 AND position < $2 ORDER BY position LIMIT $3`,
    values: [afterPosition, below, limit],
    rowMode: 'array',
  });
  return rows.map(toStoredEvent);
};

const lastPosition = async (pool: Pool, tables: StoreTables): Promise<number> => {
  const { rows } = await pool.query<{ last: string | null }>(
    `SELECT max(position)::text AS last FROM ${tables.events}`,
  );
  return Number(rows[0]?.last ?? 0);
};

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Without a limit, everything committed when the read began: on a `transaction` schema an event
 * committed but still above the horizon (an earlier append of another partition in flight) is
 * waited for, a few milliseconds, so a caller reads its own appends; later appends do not
 * prolong the read.
 */
export const readAll =
  (pool: Pool, tables: StoreTables, order: StoreOrder): EventStore['readAll'] =>
  async (afterPosition, limit) => {
    if (limit !== undefined)
      return limit > 0 ? readPage(pool, tables, order, afterPosition, limit) : [];
    const target = order.kind === 'log-head' ? null : await lastPosition(pool, tables);
    const events: StoredEvent[] = [];
    for (let after = afterPosition; ;) {
      const page = await readPage(pool, tables, order, after, READ_ALL_PAGE);
      for (const event of page) events.push(event);
      const last = page[page.length - 1];
      if (last !== undefined) after = last.position;
      if (page.length === READ_ALL_PAGE) continue;
      if (target === null || after >= target) return events;
      await sleep(2);
    }
  };
