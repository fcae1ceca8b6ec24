import type { Database } from 'better-sqlite3';

const RETRY_EVERY_MS = 20;

const isBusy = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY';

/** Blocks the thread: the store opens synchronously, and a retry a few ms later is all it needs. */
const pause = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/**
 * Puts the file in WAL mode, waiting up to `busyTimeoutMs` for another process's lock.
 *
 * A new file becomes WAL when its header is written, and SQLite writes it from inside a read
 * transaction, where it never calls the busy handler (upgrading a read to a write could
 * deadlock): of two processes opening one new file at the same moment, the one that finds the
 * other's write lock got SQLITE_BUSY at once, whatever the busy timeout (two `replay`s started
 * together under load: 2 of about 400 trials exited 1 instead of being refused by the writer
 * lock). Its statement has ended by then, so trying again is safe; once the lock is free the
 * other process has made the file WAL and this one only reads that it is.
 */
export const switchToWal = (db: Database, busyTimeoutMs: number): void => {
  const until = Date.now() + busyTimeoutMs;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= until) throw error;
      pause(RETRY_EVERY_MS);
    }
  }
};
