import type { Database, Statement } from 'better-sqlite3';

/** An events row as read, in the column order of the envelope: position, stream, version, ts, type, data. */
export type EventRow = [number, string, number, number, string, string];

const EVENT_COLUMNS = 'position, stream, version, ts, type, data';

export interface SqliteStatements {
  readonly streamVersion: Statement<[string], number | null>;
  readonly lastEpoch: Statement<[string], number | null>;
  readonly insertEvent: Statement<[string, number, number, string, string]>;
  readonly saveCheckpoint: Statement<[string, string]>;
  readonly readCheckpoint: Statement<[string], string>;
  readonly readStream: Statement<[string, number], EventRow>;
  readonly readAll: Statement<[number, number], EventRow>;
}

/**
 * Every statement the store runs, prepared once per connection. Event rows come back as arrays
 * (`raw`): cheaper than objects on the large pages a restart reads.
 */
export const prepareStatements = (db: Database): SqliteStatements => ({
  streamVersion: db
    .prepare<[string], number | null>('SELECT MAX(version) FROM events WHERE stream = ?')
    .pluck(),
  // The fence of a batch: the lease epoch of a lease stream's last event (one seek in the
  // (stream, version) index).
  lastEpoch: db
    .prepare<[string], number | null>(
      `SELECT json_extract(data, '$.epoch') FROM events WHERE stream = ? ORDER BY version DESC LIMIT 1`,
    )
    .pluck(),
  insertEvent: db.prepare<[string, number, number, string, string]>(
    'INSERT INTO events (stream, version, ts, type, data) VALUES (?, ?, ?, ?, ?)',
  ),
  saveCheckpoint: db.prepare<[string, string]>(
    'INSERT INTO checkpoints (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
  ),
  readCheckpoint: db
    .prepare<[string], string>('SELECT value FROM checkpoints WHERE name = ?')
    .pluck(),
  readStream: db
    .prepare<[string, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND version >= ? ORDER BY version`,
    )
    .raw(),
  // LIMIT -1 is SQLite for "no limit".
  readAll: db
    .prepare<[number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    )
    .raw(),
});
