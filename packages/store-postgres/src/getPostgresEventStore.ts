import type { EventStore } from '@smart-orders/engine';
import { Pool, type PoolConfig } from 'pg';
import { settleGlobalOrder, type GlobalOrder } from './globalOrder';
import { migrate } from './migrate';
import { postgresStoreError } from './postgresStoreError';
import { postgresEventStore } from './postgresEventStore';
import { storeTables } from './storeTables';

export interface PostgresEventStoreOptions {
  /**
   * Schema holding the store's tables, created when missing (default `smart_orders`, or the
   * connection string's `?schema=` parameter). Several stores can share one database this way.
   */
  readonly schema?: string;
  /** How often a caught-up subscriber looks for new events when no notification wakes it (default 250). */
  readonly pollIntervalMs?: number;
  /**
   * NOTIFY on every append so that subscribers in other processes wake at once (default true).
   * PostgreSQL serialises the commits of notifying transactions; turn it off when many
   * processes write and subscribers can wait `pollIntervalMs`.
   */
  readonly notify?: boolean;
  /**
   * How the log is ordered (docs/stores.md): `log-head`, positions 1, 2, 3… under one lock every
   * append takes to its commit; or `transaction`, positions from transaction ids (with gaps) and
   * no lock common to appends of different partitions. Chosen when the schema has no event yet;
   * a schema with events keeps its order, and one opened without this option uses its own.
   */
  readonly globalOrder?: GlobalOrder;
}

export const DEFAULT_SCHEMA = 'smart_orders';

/**
 * Opens (and creates or migrates) the store:
 * `postgres://user:pass@host:port/db[?schema=name][&global_order=transaction]` or a `pg` pool
 * configuration. Rejects with a `PostgresStoreError` when the schema name or global order is not
 * allowed, the schema was written by a newer release or has events in the other order, and with
 * `pg`'s error when the server cannot be used.
 */
export const getPostgresEventStore = async (
  connection: string | PoolConfig,
  options: PostgresEventStoreOptions = {},
): Promise<EventStore> => {
  const {
    config,
    schema: schemaInUrl,
    globalOrder: orderInUrl,
  } = typeof connection === 'string' ? fromUrl(connection) : { config: connection };
  const tables = storeTables(options.schema ?? schemaInUrl ?? DEFAULT_SCHEMA);
  const globalOrder = options.globalOrder ?? orderInUrl;
  const pool = new Pool(config);
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  let order;
  try {
    await migrate(pool, tables);
    order = await settleGlobalOrder(pool, tables, globalOrder);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return postgresEventStore(pool, config, tables, {
    notify: options.notify ?? true,
    pollIntervalMs: options.pollIntervalMs ?? 250,
    order,
  });
};

const GLOBAL_ORDERS: readonly GlobalOrder[] = ['log-head', 'transaction'];

/** `schema` and `global_order` are ours, not libpq's: they are taken out of the URL before `pg` reads it. */
const fromUrl = (
  url: string,
): { config: PoolConfig; schema?: string; globalOrder?: GlobalOrder } => {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  const order = parsed.searchParams.get('global_order');
  parsed.searchParams.delete('schema');
  parsed.searchParams.delete('global_order');
  if (order !== null && !GLOBAL_ORDERS.includes(order as GlobalOrder))
    throw postgresStoreError(
      'INVALID_GLOBAL_ORDER',
      `global_order=${order} is not an order of the log: use log-head (positions 1, 2, 3…, the default) or transaction (no lock common to partitions)`,
    );
  return {
    config: { connectionString: parsed.toString() },
    ...(schema === undefined ? {} : { schema }),
    ...(order === null ? {} : { globalOrder: order as GlobalOrder }),
  };
};
