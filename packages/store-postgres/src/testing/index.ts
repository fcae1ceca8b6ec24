/**
 * `@smart-orders/store-postgres/testing`: a throwaway PostgreSQL cluster for tests and the
 * bench, kept out of the package's main entry.
 */
export {
  startThrowawayPostgres,
  whyNoThrowawayPostgres,
  type ThrowawayPostgres,
} from './throwawayPostgres';
export {
  describeWithPostgres,
  dropSchema,
  PG_URL_VARIABLE,
  type TestPostgres,
} from './describeWithPostgres';
// The schema's names, so that the bench can lay out an older migration's schema beside the latest.
export { storeTables, type StoreTables } from '../storeTables';
