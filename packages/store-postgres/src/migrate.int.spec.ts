import { orderStream } from '@smart-orders/engine';
import { isRight } from 'fp-ts/Either';
import { Client, Pool } from 'pg';
import { getPostgresEventStore } from './getPostgresEventStore';
import { migrate } from './migrate';
import { migrations, type Migration } from './migrations';
import { storeTables } from './storeTables';
import { describeWithPostgres, dropSchema, uniqueSchema } from './testing/describeWithPostgres';

const query = async <R extends object>(url: string, sql: string): Promise<R[]> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
};

const appliedVersions = async (url: string, schema: string): Promise<number[]> =>
  (
    await query<{ version: number }>(
      url,
      `SELECT version FROM "${schema}".schema_version ORDER BY version`,
    )
  ).map((row) => row.version);

const LATEST = Math.max(...migrations.map((m) => m.version));

describeWithPostgres('PostgreSQL schema migrations', (server) => {
  let schema: string;
  beforeEach(() => {
    schema = uniqueSchema('mig');
  });
  afterEach(async () => {
    await dropSchema(server.url(), schema);
  });

  it('migrates a fresh schema to the latest version, and re-opening changes nothing', async () => {
    const first = await getPostgresEventStore(server.url(), { schema });
    expect(await appliedVersions(server.url(), schema)).toEqual(migrations.map((m) => m.version));
    const stream = orderStream('o-1');
    await first.appendBatch([
      { stream, expectedVersion: 'no_stream', events: [{ type: 'A', ts: 1, data: {} }] },
    ]);
    await first.close();

    const again = await getPostgresEventStore(server.url(), { schema });
    expect(await appliedVersions(server.url(), schema)).toEqual(migrations.map((m) => m.version));
    expect((await again.readStream(stream)).map((e) => e.type)).toEqual(['A']);
    await again.close();
  });

  it('refuses a schema written by a newer release, naming both versions', async () => {
    await (await getPostgresEventStore(server.url(), { schema })).close();
    await query(
      server.url(),
      `INSERT INTO "${schema}".schema_version (version, description) VALUES (${LATEST + 1}, 'future')`,
    );
    await expect(getPostgresEventStore(server.url(), { schema })).rejects.toMatchObject({
      code: 'SCHEMA_TOO_NEW',
      message: expect.stringContaining(`version ${LATEST + 1}`) as string,
    });
  });

  it('applies only the pending migrations, in version order, whatever the order of the list', async () => {
    const tables = storeTables(schema);
    const pool = new Pool({ connectionString: server.url() });
    const second: Migration = {
      version: LATEST + 1,
      description: 'a table',
      sql: (t) => `CREATE TABLE ${t.quotedSchema}.later (id integer)`,
    };
    const third: Migration = {
      version: LATEST + 2,
      description: 'a column on that table',
      sql: (t) => `ALTER TABLE ${t.quotedSchema}.later ADD COLUMN note text`,
    };
    try {
      expect(await migrate(pool, tables)).toBe(LATEST);
      expect(await migrate(pool, tables, [third, ...migrations, second])).toBe(LATEST + 2);
      expect(await appliedVersions(server.url(), schema)).toEqual([
        ...migrations.map((m) => m.version),
        LATEST + 1,
        LATEST + 2,
      ]);
      expect(await migrate(pool, tables, [...migrations, second, third])).toBe(LATEST + 2);
    } finally {
      await pool.end();
    }
  });

  it('a failing migration leaves the schema as it was', async () => {
    const tables = storeTables(schema);
    const pool = new Pool({ connectionString: server.url() });
    const broken: Migration = {
      version: LATEST + 1,
      description: 'broken',
      sql: () => 'CREATE TABLE nonsense (',
    };
    try {
      await migrate(pool, tables);
      await expect(migrate(pool, tables, [...migrations, broken])).rejects.toMatchObject({
        code: '42601',
      });
      expect(await appliedVersions(server.url(), schema)).toEqual(migrations.map((m) => m.version));
    } finally {
      await pool.end();
    }
  });

  it('a version 1 store (positions drawn under log_head) migrates to version 2 keeping its log, and positions continue after it', async () => {
    const tables = storeTables(schema);
    const pool = new Pool({ connectionString: server.url() });
    try {
      await migrate(pool, tables, migrations.slice(0, 1));
      // The call version 1 of the store made: two events of one stream, a checkpoint.
      await pool.query(
        `SELECT ${tables.appendBatch}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          [orderStream('old')],
          [2],
          [0],
          [orderStream('old'), orderStream('old')],
          [1, 2],
          [1, 2],
          ['A', 'B'],
          '[{"n":1},{"n":2}]',
          ['replay'],
          ['t-1'],
          null,
        ],
      );
    } finally {
      await pool.end();
    }
    const store = await getPostgresEventStore(server.url(), { schema });
    expect(await appliedVersions(server.url(), schema)).toEqual(migrations.map((m) => m.version));
    const appended = await store.appendBatch([
      { stream: orderStream('old'), expectedVersion: 2, events: [{ type: 'C', ts: 3, data: {} }] },
    ]);
    expect(isRight(appended) && appended.right.events.map((e) => e.position)).toEqual([3]);
    expect((await store.readAll(0)).map((e) => [e.position, e.version, e.type])).toEqual([
      [1, 1, 'A'],
      [2, 2, 'B'],
      [3, 3, 'C'],
    ]);
    expect(await store.readCheckpoint('replay')).toBe('t-1');
    await store.close();
  });

  it('five processes opening the same fresh schema at once all get a working store', async () => {
    const stores = await Promise.all(
      Array.from({ length: 5 }, () => getPostgresEventStore(server.url(), { schema })),
    );
    expect(await appliedVersions(server.url(), schema)).toEqual(migrations.map((m) => m.version));
    const results = await Promise.all(
      stores.map((store, i) =>
        store.appendBatch([
          {
            stream: orderStream(`o-${i}`),
            expectedVersion: 'no_stream',
            events: [{ type: 'A', ts: 1, data: {} }],
          },
        ]),
      ),
    );
    expect(results.every(isRight)).toBe(true);
    for (const store of stores) await store.close();
  });

  it('takes the schema from the URL, and refuses a schema name it would have to quote', async () => {
    const store = await getPostgresEventStore(`${server.url()}?schema=${schema}`);
    await store.close();
    expect(await appliedVersions(server.url(), schema)).toEqual(migrations.map((m) => m.version));
    await expect(
      getPostgresEventStore(server.url(), { schema: 'Robert"; DROP' }),
    ).rejects.toMatchObject({
      code: 'INVALID_SCHEMA_NAME',
    });
  });
});
