import { orderStream, type EventStore, type StoredEvent } from '@smart-orders/engine';
import { SETTLE_MS, recordEvents, sleep } from './recordEvents';
import {
  expectAppended,
  isStrictlyIncreasing,
  newEvents,
  positionsOf,
  withStore,
  type EventStoreFactory,
} from './storeHarness';

const TIMEOUT_MS = 30_000;

/** `batches` batches, each of `perStream` events on `streams` streams. */
const appendBatches = async (
  store: EventStore,
  batches: number,
  streams: number,
  perStream: number,
  tag: string,
): Promise<StoredEvent[]> => {
  const written: StoredEvent[] = [];
  for (let batch = 0; batch < batches; batch += 1) {
    const appends = Array.from({ length: streams }, (_, s) => ({
      stream: orderStream(`o-${s}`),
      expectedVersion: 'any' as const,
      events: newEvents(perStream, `${tag}-${batch}`),
    }));
    written.push(...expectAppended(await store.appendBatch(appends)).events);
  }
  return written;
};

/** The exact log: nothing missing, nothing twice, in position order. */
const expectSameLog = (delivered: readonly StoredEvent[], stored: readonly StoredEvent[]): void => {
  expect(positionsOf(delivered)).toEqual(positionsOf(stored));
  expect(delivered).toEqual(stored);
};

/** Catch-up then live subscriptions over the store-wide log. */
export const describeSubscriptionContract = (factory: EventStoreFactory): void => {
  describe('subscribeAll', () => {
    it(
      'delivers every event exactly once and in order, including those appended while it catches up',
      withStore(factory, async ({ store }) => {
        await appendBatches(store, 50, 10, 10, 'before');
        const recorder = recordEvents(store.subscribeAll(0));
        await appendBatches(store, 100, 3, 1, 'during');
        await recorder.until(5_300);
        await appendBatches(store, 5, 2, 2, 'after');
        await recorder.until(5_320);
        await sleep(SETTLE_MS);
        recorder.stop();
        expect(recorder.events).toHaveLength(5_320);
        expect(isStrictlyIncreasing(positionsOf(recorder.events))).toBe(true);
        expectSameLog(recorder.events, await store.readAll(0));
      }),
      TIMEOUT_MS,
    );

    it(
      'starts after the given position, and waits on an empty store for live events',
      withStore(factory, async ({ store }) => {
        const live = recordEvents(store.subscribeAll(0));
        const written = await appendBatches(store, 4, 2, 2, 'a');
        const from = written[5]?.position ?? 0;
        const later = recordEvents(store.subscribeAll(from));
        await Promise.all([live.until(16), later.until(10)]);
        await sleep(SETTLE_MS);
        live.stop();
        later.stop();
        expectSameLog(live.events, written);
        expectSameLog(later.events, written.slice(6));
      }),
      TIMEOUT_MS,
    );

    it(
      'delivers nothing more once unsubscribed',
      withStore(factory, async ({ store }) => {
        await appendBatches(store, 2, 2, 1, 'a');
        const recorder = recordEvents(store.subscribeAll(0));
        await recorder.until(4);
        recorder.stop();
        await appendBatches(store, 2, 2, 1, 'b');
        await sleep(SETTLE_MS);
        expect(recorder.events).toHaveLength(4);
      }),
      TIMEOUT_MS,
    );

    it(
      'resumes from its checkpoint after a restart without a gap or a duplicate',
      withStore(factory, async ({ store, reopen, close }) => {
        await appendBatches(store, 10, 3, 1, 'first');
        const first = recordEvents(store.subscribeAll(0));
        await first.until(20);
        first.stop();
        const handled = first.events.slice(0, 20);
        const checkpoint = String(handled.at(-1)?.position);
        expectAppended(await store.appendBatch([], [{ name: 'projection', value: checkpoint }]));
        let restarted = store;
        if (reopen) {
          await close(store);
          restarted = await reopen();
        }
        await appendBatches(restarted, 5, 2, 1, 'second');
        const resumed = recordEvents(
          restarted.subscribeAll(Number(await restarted.readCheckpoint('projection'))),
        );
        await resumed.until(20);
        await sleep(SETTLE_MS);
        resumed.stop();
        expectSameLog([...handled, ...resumed.events], await restarted.readAll(0));
      }),
      TIMEOUT_MS,
    );

    it(
      'sees appends made through another store on the same data (when the adapter can reopen it)',
      withStore(factory, async ({ store, reopen }) => {
        if (!reopen) return;
        const recorder = recordEvents(store.subscribeAll(0));
        const other = await reopen();
        await appendBatches(other, 20, 2, 2, 'other');
        await recorder.until(80);
        await sleep(SETTLE_MS);
        recorder.stop();
        expectSameLog(recorder.events, await other.readAll(0));
      }),
      TIMEOUT_MS,
    );
  });
};
