import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { measureBareSqliteAppendRate, measureSqliteAppendRate } from './sqliteAppendRate';

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
});
