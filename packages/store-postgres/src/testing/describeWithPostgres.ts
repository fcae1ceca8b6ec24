import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  startThrowawayPostgres,
  whyNoThrowawayPostgres,
  type ThrowawayPostgres,
} from './throwawayPostgres';

export const PG_URL_VARIABLE = 'SMART_ORDERS_PG_URL';

export interface TestPostgres {
  /** The server's URL; valid inside tests and hooks, once `beforeAll` has run. */
  readonly url: () => string;
}

const START_TIMEOUT_MS = 600_000;

/**
 * A `describe` whose tests get a real server: SMART_ORDERS_PG_URL when set, otherwise a
 * throwaway cluster started in `beforeAll` and removed in `afterAll`. When neither is possible
 * the tests are skipped, loudly.
 */
export const describeWithPostgres = (name: string, body: (server: TestPostgres) => void): void => {
  const given = process.env[PG_URL_VARIABLE];
  const missing = given === undefined ? whyNoThrowawayPostgres() : null;
  if (missing !== null) {
    console.warn(`SKIPPED "${name}": no PostgreSQL server. Set ${PG_URL_VARIABLE}, or: ${missing}`);
    describe.skip(name, () => body({ url: () => '' }));
    return;
  }
  describe(name, () => {
    let cluster: ThrowawayPostgres | null = null;
    beforeAll(async () => {
      if (given === undefined) cluster = await startThrowawayPostgres();
    }, START_TIMEOUT_MS);
    afterAll(async () => {
      await cluster?.stop();
    }, 60_000);
    body({
      url: () => {
        const url = cluster?.url ?? given;
        if (url === undefined)
          throw new Error('the PostgreSQL server is used before beforeAll started it');
        return url;
      },
    });
  });
};

/** A schema name no other test run on the same server uses. */
export const uniqueSchema = (prefix = 'test'): string =>
  `${prefix}_${process.pid}_${randomBytes(5).toString('hex')}`;

export const dropSchema = async (url: string, schema: string): Promise<void> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
};
