export * from './getPostgresEventStore';
export * from './postgresStoreError';
export { migrations, type Migration } from './migrations';
export {
  startThrowawayPostgres,
  whyNoThrowawayPostgres,
  type ThrowawayPostgres,
} from './testing/throwawayPostgres';
