import { orderStream, type EventStore, type StoredEvent } from '@smart-orders/engine';
import { isLeft, isRight } from 'fp-ts/Either';
import { Client, Pool } from 'pg';
import { migrate } from './migrate';
import { postgresEventStore } from './postgresEventStore';
import { storeTables, type StoreTables } from './storeTables';
import { describeWithPostgres, dropSchema, uniqueSchema } from './testing/describeWithPostgres';

const TS = 1_700_000_000_000;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** A store whose appends run `beforeCommit` with their transaction open and their positions drawn. */
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

const append = (store: EventStore, stream: string, tag: string) =>
  store.appendBatch([
    { stream, expectedVersion: 'any', events: [{ type: 'T', ts: TS, data: { tag } }] },
  ]);

const appendOne = async (store: EventStore, stream: string, tag: string): Promise<StoredEvent> => {
  const result = await append(store, stream, tag);
  if (isLeft(result)) throw new Error(result.left.message);
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

/** A transaction held open at its commit until the test lets it go. */
const heldCommit = () => {
  let reached: () => void = () => undefined;
  let release: () => void = () => undefined;
  const atCommit = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    hook: async (): Promise<void> => {
      reached();
      await released;
    },
    atCommit,
    release: () => release(),
  };
};

const isPending = async (promise: Promise<unknown>): Promise<boolean> =>
  Promise.race([promise.then(() => false), sleep(300).then(() => true)]);

describeWithPostgres(
  'PostgreSQL global order: positions in commit order, without holes',
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

    it('an append draws its position only once the one before it has committed, so no reader skips one', async () => {
      const held = heldCommit();
      const slow = await open(held.hook);
      const fast = await open();
      const reader = await open();
      const subscribed: StoredEvent[] = [];
      const subscription = reader.subscribeAll(0).subscribe((event) => subscribed.push(event));
      const polling = pollingReader(reader);

      const first = appendOne(slow, orderStream('first'), 'first');
      await held.atCommit;
      const second = appendOne(fast, orderStream('second'), 'second');
      expect(await isPending(second)).toBe(true);
      expect(await reader.readAll(0)).toEqual([]);
      expect(subscribed).toEqual([]);
      expect(polling.seen).toEqual([]);

      held.release();
      const log = [await first, await second];
      expect(log.map((e) => e.position)).toEqual([1, 2]);
      expect(await reader.readAll(0)).toEqual(log);
      for (let waited = 0; subscribed.length < 2 && waited < 5_000; waited += 10) await sleep(10);
      await sleep(200);
      subscription.unsubscribe();
      await polling.stop();
      expect(subscribed).toEqual(log);
      expect(polling.seen).toEqual(log);
    }, 20_000);

    it('a batch that rolls back (a conflict, a client killed mid-transaction) leaves no hole', async () => {
      const stream = orderStream('o-1');
      const store = await open();
      await appendOne(store, stream, 'a');
      const refused = await store.appendBatch([
        { stream, expectedVersion: 'no_stream', events: [{ type: 'T', ts: TS, data: {} }] },
      ]);
      expect(isLeft(refused)).toBe(true);

      const held = heldCommit();
      const doomed = await open(held.hook);
      const killed = append(doomed, orderStream('o-2'), 'killed');
      await held.atCommit;
      const admin = new Client({ connectionString: server.url() });
      await admin.connect();
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE state = 'idle in transaction' AND datname = current_database()`,
      );
      await admin.end();
      held.release();
      await expect(killed).rejects.toThrow();

      await appendOne(store, stream, 'b');
      expect((await store.readAll(0)).map((e) => e.position)).toEqual([1, 2]);
    }, 20_000);

    it('a reader resuming from its last position sees every event of 40 racing appenders once, in order', async () => {
      // Random pauses before COMMIT keep appends queued behind each other.
      const writers = await Promise.all(
        Array.from({ length: 8 }, () => open(() => sleep(Math.floor(Math.random() * 5)))),
      );
      const reader = await open();
      const subscribed: StoredEvent[] = [];
      const subscription = reader.subscribeAll(0).subscribe((event) => subscribed.push(event));
      const polling = pollingReader(reader);

      await Promise.all(
        Array.from({ length: 40 }, async (_, appender) => {
          const writer = writers[appender % writers.length] as EventStore;
          for (let n = 0; n < 10; n += 1) {
            await appendOne(writer, orderStream(`o-${appender % 5}`), `${appender}-${n}`);
          }
        }),
      );
      const log = await reader.readAll(0);
      expect(log.map((e) => e.position)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
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
      expect(isRight(await append(reader, orderStream('o-0'), 'after'))).toBe(true);
    }, 60_000);
  },
);
