import type { Pool } from 'pg';
import { postgresStoreError } from './postgresStoreError';
import type { StoreTables } from './storeTables';
import { TRANSACTION_ORDER } from './transactionOrder';

/**
 * How a schema orders its global log:
 * - `log-head` (the default): positions 1, 2, 3… in commit order, drawn under the one
 *   `log_head` row, which every append of the store holds from its insert to its commit;
 * - `transaction`: positions from the appending transaction's id, and no lock common to
 *   appends of different partitions (transactionOrder.ts); positions have gaps.
 */
export type GlobalOrder = 'log-head' | 'transaction';

export type StoreOrder =
  { readonly kind: 'log-head' } | { readonly kind: 'transaction'; readonly base: bigint };

/**
 * The schema's order, switched to `wanted` when it differs and the schema has no event yet. A
 * schema with events keeps its order: its positions are readers' checkpoints. Without `wanted`
 * the schema's own order is used, so every process follows what the schema was created with.
 */
export const settleGlobalOrder = async (
  pool: Pool,
  tables: StoreTables,
  wanted: GlobalOrder | undefined,
): Promise<StoreOrder> => {
  const client = await pool.connect();
  const ignoreConnectionError = (): void => undefined;
  client.on('error', ignoreConnectionError);
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ global_order: string; xid_base: string | null }>(
      `SELECT global_order, xid_base::text AS xid_base FROM ${tables.storeOrder} FOR UPDATE`,
    );
    const row = rows[0];
    if (row === undefined) throw new Error(`${tables.storeOrder} has no row`);
    let order: StoreOrder =
      row.global_order === TRANSACTION_ORDER
        ? { kind: 'transaction', base: BigInt(row.xid_base ?? '0') }
        : { kind: 'log-head' };
    if (wanted !== undefined && wanted !== order.kind) {
      const { rows: any } = await client.query(`SELECT 1 FROM ${tables.events} LIMIT 1`);
      if (any.length > 0)
        throw postgresStoreError(
          'GLOBAL_ORDER_MISMATCH',
          `schema "${tables.schema}" orders its log by ${order.kind} and already has events, whose positions readers keep as checkpoints: open it without globalOrder or with '${order.kind}', or use a new schema for '${wanted}'`,
        );
      const { rows: switched } = await client.query<{ base: string }>(
        `UPDATE ${tables.storeOrder}
         SET global_order = $1, xid_base = CASE WHEN $1 = '${TRANSACTION_ORDER}' THEN pg_current_xact_id()::text::bigint END
         RETURNING coalesce(xid_base, 0)::text AS base`,
        [wanted === 'transaction' ? TRANSACTION_ORDER : 'log_head'],
      );
      order =
        wanted === 'transaction'
          ? { kind: 'transaction', base: BigInt(switched[0]?.base ?? '0') }
          : { kind: 'log-head' };
    }
    await client.query('COMMIT');
    return order;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', ignoreConnectionError);
    client.release();
  }
};
