import { postgresStoreError, type PostgresStoreError } from './postgresStoreError';

/** The schema-qualified names of everything the store creates, quoted for SQL. */
export interface StoreTables {
  readonly schema: string;
  readonly quotedSchema: string;
  readonly events: string;
  readonly streams: string;
  readonly checkpoints: string;
  /** Who holds each writer lock (the advisory lock itself is the server's). */
  readonly writerLocks: string;
  readonly schemaVersion: string;
  readonly logHead: string;
  readonly appendBatch: string;
  /** The global order this schema gives events: `log_head` (dense) or `transaction` (migration 5). */
  readonly storeOrder: string;
  readonly appendBatchInTransactionOrder: string;
  /** LISTEN/NOTIFY channel woken by every append that writes events. */
  readonly channel: string;
}

// Lower-case identifiers only, so the name reads the same quoted or not in psql; at most 50
// characters so that the notification channel stays within PostgreSQL's 63-byte names.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,49}$/;

export const storeTables = (schema: string): StoreTables => {
  if (!SCHEMA_NAME.test(schema)) throw invalidSchemaName(schema);
  const quotedSchema = `"${schema}"`;
  const name = (table: string): string => `${quotedSchema}."${table}"`;
  return {
    schema,
    quotedSchema,
    events: name('events'),
    streams: name('streams'),
    checkpoints: name('checkpoints'),
    writerLocks: name('writer_locks'),
    schemaVersion: name('schema_version'),
    logHead: name('log_head'),
    appendBatch: name('append_batch'),
    storeOrder: name('store_order'),
    appendBatchInTransactionOrder: name('append_batch_in_transaction_order'),
    channel: `smart_orders_${schema}`,
  };
};

const invalidSchemaName = (schema: string): PostgresStoreError =>
  postgresStoreError(
    'INVALID_SCHEMA_NAME',
    `schema "${schema}" is not allowed: use 1 to 50 lower-case letters, digits or underscores, not starting with a digit`,
  );
