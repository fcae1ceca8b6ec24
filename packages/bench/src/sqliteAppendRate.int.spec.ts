import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  measureBareSqliteAppendRate,
  measureSqliteAppendRate,
  measureUnindexedAppendRate,
} from './sqliteAppendRate';

const rowsOf = (path: string): unknown[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT stream, version, ts, type, data FROM events ORDER BY position').all();
  } finally {
    db.close();
  }
};

describe('SQLite appends against bare SQLite', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'smart-orders-appends-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the very rows the store writes, in the same batches, so the two rates compare', async () => {
    const shape = { batches: 40, streamsPerBatch: 5, orders: 30 };
    const store = await measureSqliteAppendRate(join(dir, 'store.sqlite'), shape);
    const bare = await measureBareSqliteAppendRate(join(dir, 'bare.sqlite'), shape);

    expect(bare.events).toBe(store.events);
    expect(bare.batches).toBe(40);
    const rows = rowsOf(join(dir, 'store.sqlite'));
    expect(rows).toHaveLength(store.events);
    expect(rowsOf(join(dir, 'bare.sqlite'))).toEqual(rows);
  });

  it('without the per-stream index, writes the same rows into a table that has no index but its rowid', async () => {
    const shape = { batches: 40, streamsPerBatch: 5, orders: 30 };
    const store = await measureSqliteAppendRate(join(dir, 'store.sqlite'), shape);
    const path = join(dir, 'unindexed.sqlite');
    const bare = await measureBareSqliteAppendRate(path, shape, { streamIndex: false });

    expect(bare.events).toBe(store.events);
    expect(rowsOf(path)).toEqual(rowsOf(join(dir, 'store.sqlite')));
    const db = new Database(path, { readonly: true });
    try {
      const indexes = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")
        .all();
      expect(indexes).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('without the index, writes the batches again into fresh files until its window lasts a second', async () => {
    const shape = { batches: 200, streamsPerBatch: 5, orders: 30 };
    const onePass = await measureBareSqliteAppendRate(join(dir, 'one.sqlite'), shape);
    const rate = await measureUnindexedAppendRate(dir, shape);

    expect(rate.seconds).toBeGreaterThanOrEqual(1);
    expect(rate.events % onePass.events).toBe(0);
    expect(rate.batches).toBe((200 * rate.events) / onePass.events);
    expect(rate.eventsPerSecond).toBe(Math.round(rate.events / rate.seconds));
  }, 60_000);
});
