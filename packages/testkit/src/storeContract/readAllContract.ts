import {
  accountStream,
  orderStream,
  type EventStore,
  type StoredEvent,
} from '@smart-orders/engine';
import {
  expectAppended,
  expectConflict,
  isStrictlyIncreasing,
  newEvents,
  positionsOf,
  withStore,
  type EventStoreFactory,
} from './storeHarness';

/** Ten batches over three streams, returning every stored envelope in commit order. */
const appendTenBatches = async (store: EventStore): Promise<StoredEvent[]> => {
  const written: StoredEvent[] = [];
  for (let batch = 0; batch < 10; batch += 1) {
    const result = expectAppended(
      await store.appendBatch([
        {
          stream: orderStream(`o-${batch % 3}`),
          expectedVersion: 'any',
          events: newEvents(2, `b${batch}`),
        },
        {
          stream: accountStream('default'),
          expectedVersion: 'any',
          events: newEvents(1, `b${batch}`),
        },
      ]),
    );
    written.push(...result.events);
  }
  return written;
};

/** The store-wide log and the checkpoints committed with it. */
export const describeReadAllContract = (factory: EventStoreFactory): void => {
  describe('readAll', () => {
    it(
      'reads every stream in position order, after a position, in pages of a limit',
      withStore(factory, async ({ store }) => {
        const written = await appendTenBatches(store);
        const all = await store.readAll(0);
        expect(all).toEqual(written);
        expect(isStrictlyIncreasing(positionsOf(all))).toBe(true);
        const middle = all[11]?.position ?? 0;
        expect(await store.readAll(middle)).toEqual(all.slice(12));
        expect(await store.readAll(middle, 5)).toEqual(all.slice(12, 17));
        expect(await store.readAll(all.at(-1)?.position ?? 0)).toEqual([]);
        const paged: StoredEvent[] = [];
        for (
          let page = await store.readAll(0, 7);
          page.length > 0;
          page = await store.readAll(page.at(-1)?.position ?? 0, 7)
        ) {
          expect(page.length).toBeLessThanOrEqual(7);
          paged.push(...page);
        }
        expect(paged).toEqual(all);
      }),
    );
  });

  describe('checkpoints', () => {
    it(
      'are saved with their batch, read back, and resume readAll where the reader stopped',
      withStore(factory, async ({ store }) => {
        expect(await store.readCheckpoint('projection')).toBeNull();
        const written = await appendTenBatches(store);
        const seen = written.slice(0, 14);
        const lastSeen = String(seen.at(-1)?.position);
        const saved = expectAppended(
          await store.appendBatch(
            [
              {
                stream: orderStream('o-9'),
                expectedVersion: 'no_stream',
                events: newEvents(1, 'x'),
              },
            ],
            [
              { name: 'projection', value: lastSeen },
              { name: 'replay', value: '1700000000123' },
            ],
          ),
        );
        expect(await store.readCheckpoint('projection')).toBe(lastSeen);
        expect(await store.readCheckpoint('replay')).toBe('1700000000123');
        expect(await store.readAll(Number(await store.readCheckpoint('projection')))).toEqual([
          ...written.slice(14),
          ...saved.events,
        ]);
      }),
    );

    it(
      'a batch without events saves its checkpoints and writes no event',
      withStore(factory, async ({ store }) => {
        const result = expectAppended(
          await store.appendBatch([], [{ name: 'replay', value: 't-1' }]),
        );
        expect(result.events).toEqual([]);
        expect(await store.readCheckpoint('replay')).toBe('t-1');
        expectAppended(await store.appendBatch([], [{ name: 'replay', value: 't-2' }]));
        expect(await store.readCheckpoint('replay')).toBe('t-2');
        expect(await store.readAll(0)).toEqual([]);
      }),
    );

    it(
      'a conflicting batch leaves its checkpoints unchanged',
      withStore(factory, async ({ store }) => {
        const stream = orderStream('o-1');
        expectAppended(
          await store.appendBatch(
            [{ stream, expectedVersion: 'no_stream', events: newEvents(1, 'a') }],
            [{ name: 'replay', value: 't-1' }],
          ),
        );
        expectConflict(
          await store.appendBatch(
            [
              {
                stream: orderStream('o-2'),
                expectedVersion: 'no_stream',
                events: newEvents(1, 'b'),
              },
              { stream, expectedVersion: 'no_stream', events: newEvents(1, 'b') },
            ],
            [
              { name: 'replay', value: 't-2' },
              { name: 'other', value: 'x' },
            ],
          ),
        );
        expect(await store.readCheckpoint('replay')).toBe('t-1');
        expect(await store.readCheckpoint('other')).toBeNull();
      }),
    );
  });
};
