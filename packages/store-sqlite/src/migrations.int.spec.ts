import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latestSchemaVersion, migrate, migrations } from './migrations';
import { getSqliteEventStore } from './sqliteEventStore';

const appliedMigrations = (path: string): unknown[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare('SELECT version, description, applied_at FROM schema_migrations ORDER BY version')
      .all();
  } finally {
    db.close();
  }
};

const schemaOf = (path: string): unknown[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
  } finally {
    db.close();
  }
};

describe('SQLite schema migrations', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-migrations-'));
    path = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are numbered 1, 2, … in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(latestSchemaVersion()).toBe(migrations.length);
  });

  it('bring a new file to the latest schema, and reopening it changes nothing', async () => {
    await getSqliteEventStore(path).close();
    const applied = appliedMigrations(path);
    const schema = schemaOf(path);
    expect(applied.map((m) => (m as { version: number }).version)).toEqual(
      migrations.map((m) => m.version),
    );
    await getSqliteEventStore(path).close();
    expect(appliedMigrations(path)).toEqual(applied);
    expect(schemaOf(path)).toEqual(schema);
  });

  it('bring a file of schema version 1 to the latest, keeping its events', async () => {
    const old = new Database(path);
    migrate(old, path, migrations.slice(0, 1));
    old
      .prepare(
        `INSERT INTO events (stream, version, ts, type, data) VALUES ('smart-order-o-1', 1, 5, 'SmartOrderCreated', '{"a":1}')`,
      )
      .run();
    old.close();
    expect(appliedMigrations(path)).toHaveLength(1);

    const store = getSqliteEventStore(path);
    expect(await store.readStream('smart-order-o-1')).toEqual([
      {
        position: 1,
        stream: 'smart-order-o-1',
        orderId: 'o-1',
        version: 1,
        ts: 5,
        type: 'SmartOrderCreated',
        data: { a: 1 },
      },
    ]);
    await store.close();
    expect(appliedMigrations(path)).toHaveLength(latestSchemaVersion());
    // Version 2 added snapshots and version 3 dropped them: the port never read them back.
    expect(schemaOf(path).map((t) => (t as { name: string }).name)).not.toContain('snapshots');
  });

  it('refuse a file whose schema is newer than this package knows, and leave it untouched', async () => {
    await getSqliteEventStore(path).close();
    const db = new Database(path);
    const future = latestSchemaVersion() + 1;
    db.prepare(
      `INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, 'from the future', 'now')`,
    ).run(future);
    db.close();
    const before = schemaOf(path);
    expect(() => getSqliteEventStore(path)).toThrow(
      expect.objectContaining({
        code: 'SCHEMA_TOO_NEW',
        message: expect.stringContaining(
          `schema is at version ${future}, newer than the latest this @smart-orders/store-sqlite knows (${latestSchemaVersion()})`,
        ),
      }),
    );
    expect(schemaOf(path)).toEqual(before);
  });

  it('throw on a file that is not an SQLite database', () => {
    writeFileSync(
      path,
      'not a database, just text that is long enough to be read as a header '.repeat(20),
    );
    expect(() => getSqliteEventStore(path)).toThrow(
      expect.objectContaining({ code: 'SQLITE_NOTADB' }),
    );
  });
});
