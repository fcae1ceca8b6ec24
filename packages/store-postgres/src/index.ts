export * from './getPostgresEventStore';
export * from './postgresStoreError';
export { migrations, type Migration } from './migrations';
