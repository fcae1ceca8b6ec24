/**
 * `@smart-orders/store-postgres/testing`: a throwaway PostgreSQL cluster for tests and the
 * bench, kept out of the package's main entry.
 */
export {
  startThrowawayPostgres,
  whyNoThrowawayPostgres,
  type ThrowawayPostgres,
} from './throwawayPostgres';
