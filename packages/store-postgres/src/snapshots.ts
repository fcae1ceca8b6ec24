import type { EventStore, Snapshot } from '@smart-orders/engine';
import type { Pool } from 'pg';
import type { StoreTables } from './storeTables';

/** The last snapshot saved for a stream replaces the one before. */
export const saveSnapshot =
  (pool: Pool, tables: StoreTables): EventStore['saveSnapshot'] =>
  async ({ stream, version, state }) => {
    await pool.query(
      `INSERT INTO ${tables.snapshots} (stream, version, state) VALUES ($1, $2, $3::json)
       ON CONFLICT (stream) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state`,
      [stream, version, JSON.stringify(state ?? null)],
    );
  };

export const loadSnapshot =
  (pool: Pool, tables: StoreTables): EventStore['loadSnapshot'] =>
  async (stream) => {
    const { rows } = await pool.query<{ version: string; state: unknown }>(
      `SELECT version, state FROM ${tables.snapshots} WHERE stream = $1`,
      [stream],
    );
    const row = rows[0];
    return row === undefined
      ? null
      : ({ stream, version: Number(row.version), state: row.state } satisfies Snapshot);
  };
