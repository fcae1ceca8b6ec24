import { hostname } from 'node:os';
import type { Database } from 'better-sqlite3';
import { left, right, type Either } from 'fp-ts/Either';
import type { WriterLock, WriterLockHolder } from '@smart-orders/engine';

interface LockRow {
  readonly holder: string;
  readonly host: string;
  readonly pid: number;
  readonly since: number;
}

/** Whether a process of this machine is running (EPERM: it is, as another user's). */
const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * A holder is alive while its process runs. Every process writing one SQLite file in WAL mode is
 * on one machine (WAL needs shared memory), so a row of another host is a leftover of a copied
 * file, not a live writer; and a killed holder frees its lock at once, without a lease to wait out.
 */
const holderAlive = (row: LockRow): boolean => row.host === hostname() && processAlive(row.pid);

export interface WriterLocks {
  lockWriter(name: string, holder: string): Promise<Either<WriterLockHolder, WriterLock>>;
  /** Gives up every lock taken through this store (its `close()`). */
  releaseAll(): void;
}

/**
 * Writer locks of the SQLite store: a row in `writer_locks` (not the event log) read and written
 * in one IMMEDIATE transaction, so of two processes asking at once one takes it and the other
 * is told who holds it. The row names its process; a process that died leaves a row anyone may
 * take over.
 */
export const writerLocks = (db: Database): WriterLocks => {
  const read = db.prepare<[string], LockRow>(
    'SELECT holder, host, pid, since FROM writer_locks WHERE name = ?',
  );
  const write = db.prepare<[string, string, string, number, number]>(
    `INSERT INTO writer_locks (name, holder, host, pid, since) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, host = excluded.host,
       pid = excluded.pid, since = excluded.since`,
  );
  const remove = db.prepare<[string, number, number]>(
    'DELETE FROM writer_locks WHERE name = ? AND pid = ? AND since = ?',
  );
  // Two stores of one process on one file are two writers too: the pid alone cannot tell them
  // apart, so each lock this store holds is also known here.
  const mine = new Map<string, number>();
  const take = db.transaction(
    (name: string, holder: string, since: number): Either<WriterLockHolder, number> => {
      const row = read.get(name);
      if (row !== undefined && holderAlive(row))
        return left({ holder: row.holder, since: row.since });
      write.run(name, holder, hostname(), process.pid, since);
      return right(since);
    },
  );
  const release = (name: string, since: number): void => {
    if (mine.get(name) !== since) return;
    mine.delete(name);
    if (db.open) remove.run(name, process.pid, since);
  };
  return {
    lockWriter: async (name, holder) => {
      const taken = take.immediate(name, holder, Date.now());
      if (taken._tag === 'Left') return taken;
      const since = taken.right;
      mine.set(name, since);
      return right({
        name,
        held: () => db.open && mine.get(name) === since,
        release: async () => release(name, since),
      });
    },
    releaseAll: () => {
      for (const [name, since] of [...mine]) release(name, since);
    },
  };
};
