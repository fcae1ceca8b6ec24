export { getSqliteEventStore, type SqliteEventStoreOptions } from './sqliteEventStore';
export type { SqliteDurability } from './openSqliteDatabase';
export { latestSchemaVersion } from './migrations';
