import { orderStream, type EventStore } from '@smart-orders/engine';
import { isLeft, isRight } from 'fp-ts/Either';
import { Client } from 'pg';
import { getPostgresEventStore } from './getPostgresEventStore';
import { describeWithPostgres, dropSchema, uniqueSchema } from './testing/describeWithPostgres';

const TS = 1_700_000_000_000;
const APPENDERS = 20;

describeWithPostgres('PostgreSQL optimistic concurrency across connections', (server) => {
  let schema: string;
  const stores: EventStore[] = [];
  /** Each store has its own pool: as many connections, or processes, as stores. */
  const open = async (): Promise<EventStore> => {
    const store = await getPostgresEventStore(server.url(), { schema, notify: false });
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    schema = uniqueSchema('conc');
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await dropSchema(server.url(), schema);
  });

  it(`${APPENDERS} appenders on separate connections: one winner per version, every loser told the actual version`, async () => {
    const appenders = await Promise.all(Array.from({ length: APPENDERS }, open));
    const stream = orderStream('o-1');
    const won = await Promise.all(
      appenders.map(async (store, appender) => {
        for (;;) {
          const expectedVersion = (await store.readStream(stream)).at(-1)?.version ?? 'no_stream';
          const result = await store.appendBatch([
            { stream, expectedVersion, events: [{ type: 'T', ts: TS, data: { appender } }] },
          ]);
          if (isRight(result)) return result.right.events.at(-1)?.version;
          const actual = (await store.readStream(stream)).length;
          expect(result.left.actualVersion).toBeGreaterThan(
            expectedVersion === 'no_stream' ? 0 : expectedVersion,
          );
          expect(result.left.actualVersion).toBeLessThanOrEqual(actual);
        }
      }),
    );
    expect([...won].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: APPENDERS }, (_, i) => i + 1),
    );
    const events = await (appenders[0] as EventStore).readStream(stream);
    expect(events.map((e) => e.version)).toEqual(
      Array.from({ length: APPENDERS }, (_, i) => i + 1),
    );
  }, 60_000);

  it(`${APPENDERS} batches over the same streams in different orders all commit: stream locks never deadlock`, async () => {
    const appenders = await Promise.all(Array.from({ length: APPENDERS }, open));
    const streams = Array.from({ length: 6 }, (_, i) => orderStream(`o-${i}`));
    const results = await Promise.all(
      appenders.map((store, appender) =>
        store.appendBatch(
          [...streams]
            .sort(() => Math.random() - 0.5)
            .map((stream) => ({
              stream,
              expectedVersion: 'any' as const,
              events: [{ type: 'T', ts: TS, data: { appender } }],
            })),
        ),
      ),
    );
    expect(results.filter(isLeft)).toEqual([]);
    for (const stream of streams) {
      const events = await (appenders[0] as EventStore).readStream(stream);
      expect(events.map((e) => e.version)).toEqual(
        Array.from({ length: APPENDERS }, (_, i) => i + 1),
      );
    }
    const all = await (appenders[0] as EventStore).readAll(0);
    expect(new Set(all.map((e) => e.position)).size).toBe(APPENDERS * streams.length);
  }, 60_000);

  it('a duplicate version that slips past the stream lock is refused as a conflict, not a crash', async () => {
    const store = await open();
    const stream = orderStream('o-1');
    expect(
      isRight(
        await store.appendBatch([
          { stream, expectedVersion: 'no_stream', events: [{ type: 'A', ts: TS, data: {} }] },
        ]),
      ),
    ).toBe(true);
    // A writer that bypasses the streams table (a hand-made repair, an older tool) wrote version 2.
    const client = new Client({ connectionString: server.url() });
    await client.connect();
    await client.query(
      `INSERT INTO "${schema}".events (position, stream, version, ts, type, data) VALUES (1000, $1, 2, $2, 'Rogue', '{}')`,
      [stream, TS],
    );
    await client.end();

    const result = await store.appendBatch([
      {
        stream: orderStream('o-2'),
        expectedVersion: 'no_stream',
        events: [{ type: 'B', ts: TS, data: {} }],
      },
      { stream, expectedVersion: 1, events: [{ type: 'B', ts: TS, data: {} }] },
    ]);
    expect(isLeft(result) && result.left).toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      stream,
      expectedVersion: 1,
      actualVersion: 2,
    });
    expect(await store.readStream(orderStream('o-2'))).toEqual([]);
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'Rogue']);
  });
});
