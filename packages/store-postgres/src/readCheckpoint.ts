import type { EventStore } from '@smart-orders/engine';
import type { Pool } from 'pg';
import type { StoreTables } from './storeTables';

export const readCheckpoint =
  (pool: Pool, tables: StoreTables): EventStore['readCheckpoint'] =>
  async (name) => {
    const { rows } = await pool.query<{ value: string }>(
      `SELECT value FROM ${tables.checkpoints} WHERE name = $1`,
      [name],
    );
    return rows[0]?.value ?? null;
  };
