import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase } from './openSqliteDatabase';
import { getSqliteEventStore } from './sqliteEventStore';

const HOLDER = join(__dirname, '..', 'dist', 'writeLockHolder.fixture.js');
const HOLD_MS = 1_500;

// Processes started on a loaded machine take seconds.
jest.setTimeout(60_000);

interface Holder {
  readonly child: ChildProcess;
  /** When it let go of the lock (epoch ms), once it has. */
  readonly released: Promise<number>;
}

/** Another process holding a new file's write lock for `ms`, as while it makes the file WAL. */
const holdWriteLock = async (path: string, ms: number): Promise<Holder> => {
  const child = spawn(process.execPath, [HOLDER, path, String(ms)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let said = '';
  const released = new Promise<number>((resolve) =>
    child.stdout?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      const at = /released (\d+)/.exec(said)?.[1];
      if (at !== undefined) resolve(Number(at));
    }),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => said.includes('held') && resolve());
    child.on('exit', (code) => reject(new Error(`the holder exited (${code}) before holding`)));
  });
  return { child, released };
};

const ended = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

/**
 * Two processes opening one new store file at the same moment (issue 18: two `replay`s started
 * together, one exited 1 with "database is locked" instead of being refused by the writer lock).
 * SQLite writes a new file's WAL header from inside a read transaction and does not wait for
 * another process's lock there; the store waits for it, for its busy timeout, like any write.
 */
describe('opening a new SQLite store file while another process holds its write lock', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-wal-'));
    path = join(dir, 'events.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('waits for the lock within the busy timeout, then opens the file in WAL mode with its schema', async () => {
    const holder = await holdWriteLock(path, HOLD_MS);
    const db = openSqliteDatabase(path, { busyTimeoutMs: 30_000 });
    const opened = Date.now();
    const released = await holder.released;
    await ended(holder.child);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(
        db.prepare(`SELECT name FROM sqlite_master WHERE name = 'writer_locks'`).pluck().get(),
      ).toBe('writer_locks');
      // It waited for the holder: before, it failed at once with SQLITE_BUSY.
      expect(opened).toBeGreaterThanOrEqual(released);
    } finally {
      db.close();
    }
  });

  it('says the file is locked once the busy timeout has passed, having waited that long', async () => {
    const holder = await holdWriteLock(path, HOLD_MS * 4);
    const started = Date.now();
    try {
      expect(() => openSqliteDatabase(path, { busyTimeoutMs: 300 })).toThrow(
        expect.objectContaining({ code: 'SQLITE_BUSY' }),
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    } finally {
      holder.child.kill();
      await ended(holder.child);
    }
  });

  it('a store opened meanwhile asks for the writer lock as usual: the first to ask takes it, the second is refused', async () => {
    const holder = await holdWriteLock(path, HOLD_MS);
    const first = getSqliteEventStore(path, { busyTimeoutMs: 30_000 });
    await ended(holder.child);
    const second = getSqliteEventStore(path);
    try {
      const taken = await first.lockWriter?.('replay:default', 'first');
      expect(taken?._tag).toBe('Right');
      const refused = await second.lockWriter?.('replay:default', 'second');
      expect(refused).toMatchObject({ _tag: 'Left', left: { holder: 'first' } });
    } finally {
      await first.close();
      await second.close();
    }
  });
});
