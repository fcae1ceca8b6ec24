export {
  DEFAULT_SCHEMA,
  getPostgresEventStore,
  type PostgresEventStoreOptions,
} from './getPostgresEventStore';
export {
  isPostgresStoreError,
  postgresStoreError,
  type PostgresStoreError,
  type PostgresStoreErrorCode,
} from './postgresStoreError';
export { migrations, type Migration } from './migrations';
export type { GlobalOrder } from './globalOrder';
