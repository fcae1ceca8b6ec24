import { orderStream, type EventStore, type StoredEvent } from '@smart-orders/engine';
import { isRight } from 'fp-ts/Either';
import { getPostgresEventStore, type PostgresEventStoreOptions } from './getPostgresEventStore';
import { describeWithPostgres, dropSchema, uniqueSchema } from './testing/describeWithPostgres';

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const A_MINUTE = 60_000;

describeWithPostgres('PostgreSQL live subscriptions across processes', (server) => {
  let schema: string;
  const stores: EventStore[] = [];
  const open = async (options: PostgresEventStoreOptions = {}): Promise<EventStore> => {
    const store = await getPostgresEventStore(server.url(), { schema, ...options });
    stores.push(store);
    return store;
  };
  const appendOne = async (store: EventStore): Promise<void> => {
    const result = await store.appendBatch([
      {
        stream: orderStream('o-1'),
        expectedVersion: 'any',
        events: [{ type: 'T', ts: 1, data: {} }],
      },
    ]);
    expect(isRight(result)).toBe(true);
  };

  beforeEach(() => {
    schema = uniqueSchema('live');
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await dropSchema(server.url(), schema);
  });

  it('a caught-up subscriber is woken by the NOTIFY of another process, long before its next poll', async () => {
    const writer = await open();
    const subscriber = await open({ pollIntervalMs: A_MINUTE });
    const received: StoredEvent[] = [];
    const subscription = subscriber.subscribeAll(0).subscribe((event) => received.push(event));
    await sleep(500);
    await appendOne(writer);
    for (let waited = 0; received.length === 0 && waited < 3_000; waited += 20) await sleep(20);
    subscription.unsubscribe();
    expect(received.map((e) => e.type)).toEqual(['T']);
  });

  it('without NOTIFY, that subscriber waits for its poll; close() completes it', async () => {
    const writer = await open({ notify: false });
    const subscriber = await open({ pollIntervalMs: A_MINUTE, notify: false });
    const received: StoredEvent[] = [];
    let completed = false;
    subscriber
      .subscribeAll(0)
      .subscribe({ next: (event) => received.push(event), complete: () => (completed = true) });
    await sleep(300);
    await appendOne(writer);
    await sleep(1_000);
    expect(received).toEqual([]);
    await subscriber.close();
    expect(completed).toBe(true);
    await expect(subscriber.readAll(0)).rejects.toThrow();
  });
});
