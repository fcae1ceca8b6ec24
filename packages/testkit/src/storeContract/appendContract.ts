import { accountStream, orderStream } from '@smart-orders/engine';
import {
  TS,
  expectAppended,
  expectConflict,
  isStrictlyIncreasing,
  newEvents,
  positionsOf,
  withStore,
  type EventStoreFactory,
} from './storeHarness';

/** Appending, reading back, the envelope of EVENTS.md and the expected-version modes. */
export const describeAppendContract = (factory: EventStoreFactory): void => {
  describe('append and read back', () => {
    it(
      'reads back what was appended, with 1-based versions and increasing positions',
      withStore(factory, async ({ store }) => {
        const stream = orderStream('o-1');
        const result = expectAppended(
          await store.appendBatch([
            { stream, expectedVersion: 'no_stream', events: newEvents(3, 'a') },
          ]),
        );
        const read = await store.readStream(stream);
        expect(read.map((e) => e.version)).toEqual([1, 2, 3]);
        expect(read.map((e) => e.data)).toEqual(newEvents(3, 'a').map((e) => e.data));
        expect(read.map((e) => e.ts)).toEqual([TS, TS + 1, TS + 2]);
        expect(isStrictlyIncreasing(positionsOf(read))).toBe(true);
        expect(result.events).toEqual(read);
      }),
    );

    it(
      'reads a stream from a version, and a missing stream as empty',
      withStore(factory, async ({ store }) => {
        const stream = orderStream('o-1');
        expectAppended(
          await store.appendBatch([{ stream, expectedVersion: 'any', events: newEvents(5, 'a') }]),
        );
        expect((await store.readStream(stream, 4)).map((e) => e.version)).toEqual([4, 5]);
        expect(await store.readStream(stream, 6)).toEqual([]);
        expect(await store.readStream(orderStream('missing'))).toEqual([]);
      }),
    );

    it(
      'returns the envelopes as stored, in the order of the batch, equal to what readAll shows',
      withStore(factory, async ({ store }) => {
        const result = expectAppended(
          await store.appendBatch([
            {
              stream: orderStream('o-2'),
              expectedVersion: 'no_stream',
              events: newEvents(2, 'o-2'),
            },
            {
              stream: orderStream('o-1'),
              expectedVersion: 'no_stream',
              events: newEvents(3, 'o-1'),
            },
          ]),
        );
        expect(result.events.map((e) => [e.stream, e.version])).toEqual([
          ['smart-order-o-2', 1],
          ['smart-order-o-2', 2],
          ['smart-order-o-1', 1],
          ['smart-order-o-1', 2],
          ['smart-order-o-1', 3],
        ]);
        expect(isStrictlyIncreasing(positionsOf(result.events))).toBe(true);
        expect(await store.readAll(0)).toEqual(result.events);
      }),
    );

    it(
      'writes the envelope of EVENTS.md: field order, orderId of the stream, JSON data as given',
      withStore(factory, async ({ store }) => {
        const data = {
          level: 1,
          price: 105.25,
          quantity: 0.30000000000000004,
          tiny: 1e-7,
          levels: [1, 2, 3],
          from: null,
          flatten: true,
          note: 'prix ≥ 100 €',
          nested: { clientOrderId: 'o-1:tp:1:0', list: [{ a: 1 }] },
        };
        expectAppended(
          await store.appendBatch([
            {
              stream: orderStream('o-1'),
              expectedVersion: 'no_stream',
              events: [{ type: 'TpFilled', ts: TS, data }],
            },
            {
              stream: accountStream('default'),
              expectedVersion: 'no_stream',
              events: [
                {
                  type: 'KillSwitchTripped',
                  ts: TS,
                  data: { reason: 'MANUAL', detail: 'by hand' },
                },
              ],
            },
          ]),
        );
        const [order, account] = await store.readAll(0);
        expect(Object.keys(order ?? {})).toEqual([
          'position',
          'stream',
          'orderId',
          'version',
          'ts',
          'type',
          'data',
        ]);
        expect(order).toMatchObject({
          stream: 'smart-order-o-1',
          orderId: 'o-1',
          version: 1,
          ts: TS,
          type: 'TpFilled',
        });
        expect(order?.data).toEqual(data);
        expect(account).toMatchObject({
          stream: 'account-default',
          orderId: null,
          version: 1,
          type: 'KillSwitchTripped',
        });
      }),
    );
  });

  describe('expected version', () => {
    it(
      "'no_stream' succeeds on a new stream and conflicts on an existing one",
      withStore(factory, async ({ store }) => {
        const stream = orderStream('o-1');
        expectAppended(
          await store.appendBatch([
            { stream, expectedVersion: 'no_stream', events: newEvents(2, 'a') },
          ]),
        );
        const refused = expectConflict(
          await store.appendBatch([
            { stream, expectedVersion: 'no_stream', events: newEvents(1, 'b') },
          ]),
        );
        expect(refused).toEqual({
          code: 'CONCURRENCY_CONFLICT',
          stream,
          expectedVersion: 'no_stream',
          actualVersion: 2,
          message: expect.any(String),
        });
        expect(await store.readStream(stream)).toHaveLength(2);
      }),
    );

    it(
      'an exact version succeeds when it is the last version, and conflicts otherwise with the actual one',
      withStore(factory, async ({ store }) => {
        const stream = orderStream('o-1');
        expectConflict(
          await store.appendBatch([{ stream, expectedVersion: 2, events: newEvents(1, 'a') }]),
        );
        expect((await store.readStream(stream)).length).toBe(0);
        expectAppended(
          await store.appendBatch([
            { stream, expectedVersion: 'no_stream', events: newEvents(2, 'a') },
          ]),
        );
        const ok = expectAppended(
          await store.appendBatch([{ stream, expectedVersion: 2, events: newEvents(1, 'b') }]),
        );
        expect(ok.events.map((e) => e.version)).toEqual([3]);
        for (const stale of [1, 2, 4]) {
          const refused = expectConflict(
            await store.appendBatch([
              { stream, expectedVersion: stale, events: newEvents(1, 'c') },
            ]),
          );
          expect(refused).toMatchObject({
            code: 'CONCURRENCY_CONFLICT',
            stream,
            expectedVersion: stale,
            actualVersion: 3,
          });
        }
        expect(
          (await store.readStream(stream)).map((e) => (e.data as { tag: string }).tag),
        ).toEqual(['a', 'a', 'b']);
      }),
    );

    it(
      "'any' appends to a new or an existing stream",
      withStore(factory, async ({ store }) => {
        const stream = orderStream('o-1');
        expectAppended(
          await store.appendBatch([{ stream, expectedVersion: 'any', events: newEvents(1, 'a') }]),
        );
        const second = expectAppended(
          await store.appendBatch([{ stream, expectedVersion: 'any', events: newEvents(2, 'b') }]),
        );
        expect(second.events.map((e) => e.version)).toEqual([2, 3]);
        expect((await store.readStream(stream)).map((e) => e.version)).toEqual([1, 2, 3]);
      }),
    );

    it(
      'a batch that conflicts on one stream writes nothing to any stream',
      withStore(factory, async ({ store }) => {
        const existing = orderStream('o-1');
        expectAppended(
          await store.appendBatch([
            { stream: existing, expectedVersion: 'no_stream', events: newEvents(1, 'a') },
          ]),
        );
        const before = await store.readAll(0);
        const refused = expectConflict(
          await store.appendBatch([
            { stream: orderStream('o-2'), expectedVersion: 'no_stream', events: newEvents(2, 'b') },
            { stream: accountStream('default'), expectedVersion: 'any', events: newEvents(1, 'b') },
            { stream: existing, expectedVersion: 'no_stream', events: newEvents(1, 'b') },
          ]),
        );
        expect(refused).toMatchObject({ stream: existing, actualVersion: 1 });
        expect(await store.readAll(0)).toEqual(before);
        expect(await store.readStream(orderStream('o-2'))).toEqual([]);
        expect(await store.readStream(accountStream('default'))).toEqual([]);
        const retried = expectAppended(
          await store.appendBatch([
            { stream: orderStream('o-2'), expectedVersion: 'no_stream', events: newEvents(1, 'c') },
          ]),
        );
        expect(retried.events.map((e) => [e.stream, e.version])).toEqual([[orderStream('o-2'), 1]]);
      }),
    );
  });
};
