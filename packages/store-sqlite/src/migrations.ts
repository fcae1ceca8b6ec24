import type { Database } from 'better-sqlite3';

/** One step of the schema. Versions are consecutive from 1; a released migration never changes. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'events and checkpoints',
    // UNIQUE (stream, version) makes the schema itself refuse a second event at a version,
    // whatever the code above it does, and its index answers "last version of a stream" in one
    // seek, so no separate streams table is written (it doubled the pages each batch dirties).
    // `position` is the rowid: assigned under SQLite's single write lock, so position order is
    // commit order and a reader never sees a gap filled later.
    sql: `
      CREATE TABLE events (
        position INTEGER PRIMARY KEY,
        stream   TEXT    NOT NULL,
        version  INTEGER NOT NULL,
        ts       INTEGER NOT NULL,
        type     TEXT    NOT NULL,
        data     TEXT    NOT NULL,
        UNIQUE (stream, version)
      );
      CREATE TABLE checkpoints (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: 'snapshots: the latest folded state of a stream',
    sql: `
      CREATE TABLE snapshots (
        stream  TEXT    PRIMARY KEY,
        version INTEGER NOT NULL,
        state   TEXT    NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    description:
      'no snapshots: nothing ever read them (the engine folds the log), so the port dropped them',
    sql: `DROP TABLE snapshots;`,
  },
  {
    version: 4,
    description: 'writer locks: one writer per name, kept beside the event log, not in it',
    // Not events: a lock taken, lost and taken again must leave no trace in the log, so that
    // a replay interrupted and resumed ends with the same log as one that ran once. SQLite's
    // WAL works only between processes of one machine, so (host, pid) tells whether the holder
    // is still alive.
    sql: `
      CREATE TABLE writer_locks (
        name   TEXT    PRIMARY KEY,
        holder TEXT    NOT NULL,
        host   TEXT    NOT NULL,
        pid    INTEGER NOT NULL,
        since  INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    description: 'a snapshot of the open book: read by a restart instead of the log up to it',
    // Not events, like the writer locks: the log stays the truth, and a start without the
    // snapshot folds the whole log to the same book. One header row; the orders in pages of
    // many (a row each took a third of a restore of a million to step through), in rowid order,
    // which is the book's creation order.
    sql: `
      CREATE TABLE book_snapshot (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        position INTEGER NOT NULL,
        release  TEXT    NOT NULL,
        shapes   TEXT    NOT NULL,
        ended    TEXT    NOT NULL,
        markets  TEXT    NOT NULL,
        orders   INTEGER NOT NULL
      );
      CREATE TABLE book_snapshot_pages (
        orders INTEGER NOT NULL,
        data   BLOB    NOT NULL
      );
    `,
  },
];

export const latestSchemaVersion = (available: readonly Migration[] = migrations): number =>
  available.at(-1)?.version ?? 0;

const schemaVersionOf = (db: Database): number => {
  const table = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`)
    .get();
  if (table === undefined) return 0;
  return (
    db
      .prepare<[], number>('SELECT COALESCE(MAX(version), 0) FROM schema_migrations')
      .pluck()
      .get() ?? 0
  );
};

const schemaTooNew = (path: string, found: number, latest: number): Error =>
  Object.assign(
    new Error(
      `${path}: the event store's schema is at version ${found}, newer than the latest this ` +
        `@smart-orders/store-sqlite knows (${latest}); open it with the version that wrote it or a newer one`,
    ),
    { code: 'SCHEMA_TOO_NEW', found, latest },
  );

/**
 * Brings the file's schema to the latest version, each missing migration in order and all of
 * them in one transaction. An up-to-date file is only read, so opening it never waits for the
 * write lock; a file from a newer package is refused rather than half understood.
 */
export const migrate = (
  db: Database,
  path: string,
  available: readonly Migration[] = migrations,
): number => {
  const latest = latestSchemaVersion(available);
  const current = schemaVersionOf(db);
  if (current > latest) throw schemaTooNew(path, current, latest);
  if (current === latest) return current;
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version     INTEGER PRIMARY KEY,
      description TEXT NOT NULL,
      applied_at  TEXT NOT NULL
    )`);
    // Re-read under the write lock: another process may have migrated in the meantime.
    const locked = schemaVersionOf(db);
    if (locked > latest) throw schemaTooNew(path, locked, latest);
    const record = db.prepare(
      `INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, datetime('now'))`,
    );
    for (const migration of available.filter((m) => m.version > locked)) {
      db.exec(migration.sql);
      record.run(migration.version, migration.description);
    }
  }).immediate();
  return latest;
};
