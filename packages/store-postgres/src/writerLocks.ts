import type { WriterLock, WriterLockHolder } from '@smart-orders/engine';
import { left, right, type Either } from 'fp-ts/Either';
import { Client, type ClientConfig } from 'pg';
import type { StoreTables } from './storeTables';

export interface WriterLocks {
  lockWriter(name: string, holder: string): Promise<Either<WriterLockHolder, WriterLock>>;
  /** Gives up every lock taken through this store (its `close()`). */
  releaseAll(): Promise<void>;
}

/**
 * Writer locks of the PostgreSQL store: a session-level advisory lock
 * (`pg_try_advisory_lock`) on a connection of its own, held until released. The server frees it
 * the moment that session ends, so a holder killed with `kill -9` frees it at once, and nothing
 * of it is in the event log. The row in `writer_locks` only tells a refused writer who holds the
 * lock: the advisory lock decides.
 */
export const writerLocks = (config: ClientConfig, tables: StoreTables): WriterLocks => {
  const held = new Set<() => Promise<void>>();
  const key = (name: string): string => `smart-orders:writer:${tables.schema}:${name}`;
  return {
    lockWriter: async (name, holder) => {
      const client = new Client(config);
      let alive = true;
      // A lost session has lost its lock: the holder must stop writing (`held()` says so).
      client.on('error', () => {
        alive = false;
      });
      client.on('end', () => {
        alive = false;
      });
      await client.connect();
      try {
        const { rows } = await client.query<{ taken: boolean }>(
          'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken',
          [key(name)],
        );
        if (rows[0]?.taken !== true) {
          const found = await client.query<{ holder: string; since: Date }>(
            `SELECT holder, since FROM ${tables.writerLocks} WHERE name = $1`,
            [name],
          );
          await client.end();
          const row = found.rows[0];
          return left({
            holder: row?.holder ?? 'another session (not yet named)',
            since: row?.since.getTime() ?? Date.now(),
          });
        }
        await client.query(
          `INSERT INTO ${tables.writerLocks} (name, holder, since) VALUES ($1, $2, now())
           ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, since = EXCLUDED.since`,
          [name, holder],
        );
        const release = async (): Promise<void> => {
          if (!held.delete(release)) return;
          // While the session holds the lock, nobody else can have written the row since.
          if (alive)
            await client
              .query(`DELETE FROM ${tables.writerLocks} WHERE name = $1`, [name])
              .catch(() => undefined);
          // Ending the session ends the advisory lock.
          await client.end().catch(() => undefined);
        };
        held.add(release);
        return right({ name, held: () => alive && held.has(release), release });
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
    },
    releaseAll: async () => {
      for (const release of [...held]) await release();
    },
  };
};
