import { orderIdOfStream, type EventStore, type StoredEvent } from '@smart-orders/engine';
import type { Pool } from 'pg';
import type { StoreTables } from './storeTables';

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
 * One page of the global order. Appends commit in position order (migrations.ts), so a reader
 * resuming after the last position it saw never finds a new event below it.
 */
export const readPage = async (
  pool: Pool,
  tables: StoreTables,
  afterPosition: number,
  limit: number,
): Promise<StoredEvent[]> => {
  const { rows } = await pool.query<EventRow>({
    text: `SELECT ${COLUMNS} FROM ${tables.events}
           WHERE position > $1 ORDER BY position LIMIT $2`,
    values: [afterPosition, limit],
    rowMode: 'array',
  });
  return rows.map(toStoredEvent);
};

export const readAll =
  (pool: Pool, tables: StoreTables): EventStore['readAll'] =>
  async (afterPosition, limit) => {
    if (limit !== undefined) return limit > 0 ? readPage(pool, tables, afterPosition, limit) : [];
    const events: StoredEvent[] = [];
    for (let after = afterPosition; ;) {
      const page = await readPage(pool, tables, after, READ_ALL_PAGE);
      for (const event of page) events.push(event);
      const last = page[page.length - 1];
      if (last === undefined || page.length < READ_ALL_PAGE) return events;
      after = last.position;
    }
  };
