import type { Pool, PoolClient } from 'pg';
import { migrations as storeMigrations, type Migration } from './migrations';
import { postgresStoreError } from './postgresStoreError';
import type { StoreTables } from './storeTables';

/**
 * Brings the schema to the latest migration in one transaction and returns its version.
 * Re-running on an up-to-date schema changes nothing; a schema written by a newer release is
 * refused rather than half-understood.
 */
export const migrate = async (
  pool: Pool,
  tables: StoreTables,
  migrations: readonly Migration[] = storeMigrations,
): Promise<number> => {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const client = await pool.connect();
  // A lost connection must fail the migration, not crash the process (see appendBatch.ts).
  const ignoreConnectionError = (): void => undefined;
  client.on('error', ignoreConnectionError);
  try {
    await client.query('BEGIN');
    // Two processes opening a fresh store at once must not both create the tables.
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `smart-orders:migrate:${tables.schema}`,
    ]);
    await createSchemaIfMissing(client, tables);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${tables.schemaVersion} (
         version     integer     PRIMARY KEY,
         description text        NOT NULL,
         applied_at  timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${tables.schemaVersion}`,
    );
    const current = rows[0]?.version ?? 0;
    if (current > latest) {
      throw postgresStoreError(
        'SCHEMA_TOO_NEW',
        `schema "${tables.schema}" is at version ${current}, but this release of @smart-orders/store-postgres knows versions up to ${latest}: upgrade it, or use another schema`,
      );
    }
    const pending = [...migrations]
      .filter((m) => m.version > current)
      .sort((a, b) => a.version - b.version);
    for (const migration of pending) {
      await client.query(migration.sql(tables));
      await client.query(
        `INSERT INTO ${tables.schemaVersion} (version, description) VALUES ($1, $2)`,
        [migration.version, migration.description],
      );
    }
    await client.query('COMMIT');
    return Math.max(current, latest);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', ignoreConnectionError);
    client.release();
  }
};

// CREATE SCHEMA IF NOT EXISTS still needs the CREATE privilege on the database, which a user of
// an existing schema may not have.
const createSchemaIfMissing = async (client: PoolClient, tables: StoreTables): Promise<void> => {
  const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [
    tables.schema,
  ]);
  if (rowCount === 0) await client.query(`CREATE SCHEMA ${tables.quotedSchema}`);
};
