import { orderStream, type EventStore, type StoredEvent } from '@smart-orders/engine';
import { isLeft } from 'fp-ts/Either';
import { Pool } from 'pg';
import { getPostgresEventStore } from './getPostgresEventStore';
import { settleGlobalOrder } from './globalOrder';
import { migrate } from './migrate';
import { postgresEventStore } from './postgresEventStore';
import { storeTables, type StoreTables } from './storeTables';
import { describeWithPostgres, dropSchema, uniqueSchema } from './testing/describeWithPostgres';

const TS = 1_700_000_000_000;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** A store of the transaction order whose appends run `beforeCommit` with their transaction open. */
const openStore = async (
  url: string,
  tables: StoreTables,
  beforeCommit?: () => Promise<void>,
): Promise<EventStore> => {
  const pool = new Pool({ connectionString: url, max: 25 });
  pool.on('error', () => undefined);
  await migrate(pool, tables);
  const order = await settleGlobalOrder(pool, tables, 'transaction');
  return postgresEventStore(pool, { connectionString: url }, tables, {
    notify: true,
    pollIntervalMs: 20,
    order,
    ...(beforeCommit === undefined ? {} : { beforeCommit }),
  });
};

const appendOne = async (store: EventStore, stream: string, tag: string): Promise<StoredEvent> => {
  const result = await store.appendBatch([
    { stream, expectedVersion: 'any', events: [{ type: 'T', ts: TS, data: { tag } }] },
  ]);
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

const waitFor = async (done: () => boolean, ms: number): Promise<void> => {
  for (let waited = 0; !done() && waited < ms; waited += 10) await sleep(10);
};

describeWithPostgres(
  'PostgreSQL transaction order: parallel appends, readers as before',
  (server) => {
    let tables: StoreTables;
    const stores: EventStore[] = [];
    const open = async (beforeCommit?: () => Promise<void>): Promise<EventStore> => {
      const store = await openStore(server.url(), tables, beforeCommit);
      stores.push(store);
      return store;
    };

    beforeEach(() => {
      tables = storeTables(uniqueSchema('txorder'));
    });
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
      await dropSchema(server.url(), tables.schema);
    });

    it('an append of another partition commits while one is held open, and no reader sees it before the held one', async () => {
      const held = heldCommit();
      const slow = await open(held.hook);
      const fast = await open();
      const reader = await open();
      const subscribed: StoredEvent[] = [];
      const subscription = reader.subscribeAll(0).subscribe((event) => subscribed.push(event));
      const polling = pollingReader(reader);

      const first = appendOne(slow, orderStream('p1-o'), 'first');
      await held.atCommit;
      // No lock common to the two: the second commits while the first is still open.
      const second = appendOne(fast, orderStream('p2-o'), 'second');
      expect(await isPending(second)).toBe(false);
      // Committed, and readable in its stream, but not in the global order: the first, with the
      // smaller transaction id, could still commit below it.
      expect((await reader.readStream(orderStream('p2-o'))).map((e) => e.data)).toEqual([
        { tag: 'second' },
      ]);
      expect(await reader.readAll(0, 10)).toEqual([]);
      await sleep(200);
      expect(subscribed).toEqual([]);
      expect(polling.seen).toEqual([]);

      held.release();
      const log = [await first, await second];
      expect(log[0]!.position).toBeLessThan(log[1]!.position);
      expect(await reader.readAll(0)).toEqual(log);
      await waitFor(() => subscribed.length >= 2 && polling.seen.length >= 2, 5_000);
      await sleep(200);
      subscription.unsubscribe();
      await polling.stop();
      expect(subscribed).toEqual(log);
      expect(polling.seen).toEqual(log);
    }, 20_000);

    it('an append waits for another on the same stream, and comes after it', async () => {
      const held = heldCommit();
      const slow = await open(held.hook);
      const fast = await open();
      const first = appendOne(slow, orderStream('o-1'), 'first');
      await held.atCommit;
      const second = appendOne(fast, orderStream('o-1'), 'second');
      expect(await isPending(second)).toBe(true);
      held.release();
      const log = [await first, await second];
      expect(log.map((e) => e.version)).toEqual([1, 2]);
      expect(log[0]!.position).toBeLessThan(log[1]!.position);
      expect(await fast.readAll(0)).toEqual(log);
    }, 20_000);

    it('a reader resuming from its last position sees every event of 40 racing appenders once, in order, each stream in version order', async () => {
      const writers = await Promise.all(
        Array.from({ length: 8 }, () => open(() => sleep(Math.floor(Math.random() * 5)))),
      );
      const reader = await open();
      const subscribed: StoredEvent[] = [];
      const subscription = reader.subscribeAll(0).subscribe((event) => subscribed.push(event));
      const polling = pollingReader(reader);

      // Appenders 0–19 share five streams (waiting for each other there); 20–39 have their own.
      await Promise.all(
        Array.from({ length: 40 }, async (_, appender) => {
          const writer = writers[appender % writers.length] as EventStore;
          const stream = orderStream(appender < 20 ? `shared-${appender % 5}` : `own-${appender}`);
          for (let n = 0; n < 10; n += 1) await appendOne(writer, stream, `${appender}-${n}`);
        }),
      );
      const log = await reader.readAll(0);
      expect(log).toHaveLength(400);
      expect(log.every((e, i) => i === 0 || e.position > log[i - 1]!.position)).toBe(true);
      const versions = new Map<string, number>();
      for (const e of log) {
        expect(e.version).toBe((versions.get(e.stream) ?? 0) + 1);
        versions.set(e.stream, e.version);
      }
      await waitFor(() => subscribed.length >= 400 && polling.seen.length >= 400, 10_000);
      await sleep(100);
      subscription.unsubscribe();
      await polling.stop();
      expect(polling.seen).toEqual(log);
      expect(subscribed).toEqual(log);
    }, 60_000);

    it('is chosen for an empty schema only: a schema with events keeps its order', async () => {
      const url = server.url();
      const schema = tables.schema;
      const dense = await getPostgresEventStore(url, { schema });
      await appendOne(dense, orderStream('o-1'), 'a');
      await dense.close();
      await expect(
        getPostgresEventStore(url, { schema, globalOrder: 'transaction' }),
      ).rejects.toMatchObject({
        code: 'GLOBAL_ORDER_MISMATCH',
        message: expect.stringContaining('orders its log by log-head and already has events'),
      });
      const again = await getPostgresEventStore(url, { schema });
      expect((await again.readAll(0)).map((e) => e.position)).toEqual([1]);
      await again.close();
    }, 20_000);

    it('is chosen in the URL too (global_order=transaction), and a process opening it without follows it', async () => {
      const url = `${server.url()}?schema=${tables.schema}`;
      const first = await getPostgresEventStore(`${url}&global_order=transaction`);
      const written = await appendOne(first, orderStream('o-1'), 'a');
      await first.close();
      // Positions count transaction ids from the schema's base: the first batch's is past 65,536.
      expect(written.position).toBeGreaterThan(65_536);
      const plain = await getPostgresEventStore(url);
      const next = await appendOne(plain, orderStream('o-1'), 'b');
      expect(next.position).toBeGreaterThan(written.position);
      expect(await plain.readAll(0)).toEqual([written, next]);
      await plain.close();
      await expect(getPostgresEventStore(`${url}&global_order=fast`)).rejects.toMatchObject({
        code: 'INVALID_GLOBAL_ORDER',
        message: expect.stringContaining('global_order=fast is not an order of the log'),
      });
    }, 20_000);
  },
);
