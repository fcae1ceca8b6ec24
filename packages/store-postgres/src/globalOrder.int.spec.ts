import { orderStream, type EventStore, type StoredEvent } from '@smart-orders/engine';
import { isRight } from 'fp-ts/Either';
import { Client, Pool } from 'pg';
import { migrate } from './migrate';
import { postgresEventStore } from './postgresEventStore';
import { storeTables, type StoreTables } from './storeTables';
import { describeWithPostgres, dropSchema, uniqueSchema } from './testing/describeWithPostgres';

const TS = 1_700_000_000_000;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** A store whose appends wait, transaction open and positions drawn, for `beforeCommit` to return. */
const openStore = async (
  url: string,
  tables: StoreTables,
  beforeCommit?: () => Promise<void>,
): Promise<EventStore> => {
  const pool = new Pool({ connectionString: url, max: 25 });
  pool.on('error', () => undefined);
  await migrate(pool, tables);
  return postgresEventStore(pool, { connectionString: url }, tables, {
    notify: true,
    pollIntervalMs: 20,
    beforeCommit,
  });
};

/** The positions as the table holds them, read past the store's read rule. */
const positionsInTable = async (url: string, sql: string): Promise<number[]> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ position: string }>(sql);
    return rows.map((row) => Number(row.position));
  } finally {
    await client.end();
  }
};

const appendOne = async (store: EventStore, stream: string, tag: string): Promise<StoredEvent> => {
  const result = await store.appendBatch([
    { stream, expectedVersion: 'any', events: [{ type: 'T', ts: TS, data: { tag } }] },
  ]);
  if (!isRight(result)) throw new Error(result.left.message);
  const [event] = result.right.events;
  if (event === undefined) throw new Error('an append of one event returned no envelope');
  return event;
};

/** A reader that, like a projection, resumes after the last position it has seen, over and over. */
const pollingReader = (store: EventStore) => {
  const seen: StoredEvent[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const page = await store.readAll(seen.at(-1)?.position ?? 0, 7);
      seen.push(...page);
      if (page.length === 0) await sleep(2);
    }
  })();
  return {
    seen,
    stop: async (): Promise<void> => {
      running = false;
      await done;
    },
  };
};

describeWithPostgres(
  'PostgreSQL global order: a transaction that commits late never leaves a gap behind a reader',
  (server) => {
    let tables: StoreTables;
    const stores: EventStore[] = [];
    const open = async (beforeCommit?: () => Promise<void>): Promise<EventStore> => {
      const store = await openStore(server.url(), tables, beforeCommit);
      stores.push(store);
      return store;
    };

    beforeEach(() => {
      tables = storeTables(uniqueSchema('order'));
    });
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
      await dropSchema(server.url(), tables.schema);
    });

    it('holds back the event of position 11 until the transaction that took position 10 commits', async () => {
      let reachedCommit: () => void = () => undefined;
      let releaseCommit: () => void = () => undefined;
      const atCommit = new Promise<void>((resolve) => (reachedCommit = resolve));
      const released = new Promise<void>((resolve) => (releaseCommit = resolve));
      const slow = await open(async () => {
        reachedCommit();
        await released;
      });
      const fast = await open();
      const reader = await open();
      const subscribed: StoredEvent[] = [];
      const subscription = reader.subscribeAll(0).subscribe((event) => subscribed.push(event));
      const polling = pollingReader(reader);

      const late = appendOne(slow, orderStream('late'), 'late');
      await atCommit;
      const early = await appendOne(fast, orderStream('early'), 'early');

      // The gap is real: a reader going by position alone would already see the later event.
      expect(
        await positionsInTable(
          server.url(),
          `SELECT position FROM ${tables.events} ORDER BY position`,
        ),
      ).toEqual([early.position]);

      await sleep(200);
      expect(await reader.readAll(0)).toEqual([]);
      expect(subscribed).toEqual([]);
      expect(polling.seen).toEqual([]);

      releaseCommit();
      const committedLate = await late;
      expect(committedLate.position).toBeLessThan(early.position);
      const log = [committedLate, early];
      expect(await reader.readAll(0)).toEqual(log);
      for (let waited = 0; subscribed.length < 2 && waited < 5_000; waited += 10) await sleep(10);
      await sleep(200);
      subscription.unsubscribe();
      await polling.stop();
      expect(subscribed).toEqual(log);
      expect(polling.seen).toEqual(log);
    }, 20_000);

    it('a reader resuming from its last position sees every event of 40 racing appenders once, in order', async () => {
      // Random delays between drawing positions and committing make commits overtake each other.
      const writers = await Promise.all(
        Array.from({ length: 8 }, () => open(() => sleep(Math.floor(Math.random() * 15)))),
      );
      const reader = await open();
      const subscribed: StoredEvent[] = [];
      const subscription = reader.subscribeAll(0).subscribe((event) => subscribed.push(event));
      const polling = pollingReader(reader);

      await Promise.all(
        Array.from({ length: 40 }, async (_, appender) => {
          const writer = writers[appender % writers.length] as EventStore;
          for (let n = 0; n < 10; n += 1)
            await appendOne(writer, orderStream(`o-${appender % 5}`), `${appender}-${n}`);
        }),
      );
      const log = await reader.readAll(0);
      expect(log).toHaveLength(400);
      for (
        let waited = 0;
        (subscribed.length < 400 || polling.seen.length < 400) && waited < 10_000;
        waited += 10
      ) {
        await sleep(10);
      }
      await sleep(100);
      subscription.unsubscribe();
      await polling.stop();
      expect(polling.seen).toEqual(log);
      expect(subscribed).toEqual(log);

      // Reading by position is reading by (transaction_id, position), the order Emmett and Marten use.
      expect(
        await positionsInTable(
          server.url(),
          `SELECT position FROM ${tables.events} ORDER BY transaction_id, position`,
        ),
      ).toEqual(log.map((e) => e.position));
    }, 60_000);
  },
  { isolated: true },
);
