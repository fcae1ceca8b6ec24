import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase } from './openSqliteDatabase';

// SQLite's codes for PRAGMA synchronous.
const NORMAL = 1;
const FULL = 2;

describe('opening an SQLite event store file', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-pragmas-'));
    path = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses WAL and synchronous=NORMAL by default: a commit survives the death of the process', () => {
    const db = openSqliteDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(NORMAL);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    db.close();
    // WAL is a property of the file: every later connection, from any process, uses it too.
    const other = new Database(path, { readonly: true });
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    other.close();
  });

  it("uses synchronous=FULL for durability 'power-loss': the WAL is synced at every commit", () => {
    const db = openSqliteDatabase(path, { durability: 'power-loss' });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    db.close();
  });

  it('waits for another writer for the busy timeout', () => {
    const db = openSqliteDatabase(path, { busyTimeoutMs: 1_234 });
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1_234);
    db.close();
  });
});
