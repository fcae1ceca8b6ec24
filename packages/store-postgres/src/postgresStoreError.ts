/** Why the PostgreSQL store could not be opened. */
export type PostgresStoreErrorCode =
  'INVALID_SCHEMA_NAME' | 'SCHEMA_TOO_NEW' | 'GLOBAL_ORDER_MISMATCH' | 'INVALID_GLOBAL_ORDER';

/**
 * A typed error value that is also an `Error`, because it travels as the rejection of
 * `getPostgresEventStore`: callers branch on `code`, and a stack still reaches the logs.
 */
export type PostgresStoreError = Error & { readonly code: PostgresStoreErrorCode };

export const postgresStoreError = (
  code: PostgresStoreErrorCode,
  message: string,
): PostgresStoreError => Object.assign(new Error(message), { code });

export const isPostgresStoreError = (value: unknown): value is PostgresStoreError =>
  value instanceof Error &&
  [
    'INVALID_SCHEMA_NAME',
    'SCHEMA_TOO_NEW',
    'GLOBAL_ORDER_MISMATCH',
    'INVALID_GLOBAL_ORDER',
  ].includes((value as { code?: unknown }).code as string);
