import { orderStream } from '@smart-orders/engine';
import { withStore, type EventStoreFactory } from './storeHarness';

const state = (version: number) => ({
  status: 'ACTIVE',
  filled: [0.4, 0.30000000000000004],
  trailing: { armed: true, mark: 105.5, stopPrice: null },
  version,
});

/** One latest snapshot per stream, its state stored as JSON. */
export const describeSnapshotContract = (factory: EventStoreFactory): void => {
  describe('snapshots', () => {
    it(
      'loads the latest snapshot saved for a stream, and null when there is none',
      withStore(factory, async ({ store }) => {
        const stream = orderStream('o-1');
        expect(await store.loadSnapshot(stream)).toBeNull();
        await store.saveSnapshot({ stream, version: 3, state: state(3) });
        expect(await store.loadSnapshot(stream)).toEqual({ stream, version: 3, state: state(3) });
        await store.saveSnapshot({ stream, version: 7, state: state(7) });
        expect(await store.loadSnapshot(stream)).toEqual({ stream, version: 7, state: state(7) });
        expect(await store.loadSnapshot(orderStream('o-2'))).toBeNull();
      }),
    );

    it(
      'keeps snapshots across a restart (when the adapter can reopen its data)',
      withStore(factory, async ({ store, reopen, close }) => {
        if (!reopen) return;
        const stream = orderStream('o-1');
        await store.saveSnapshot({ stream, version: 2, state: state(2) });
        await close(store);
        const reopened = await reopen();
        expect(await reopened.loadSnapshot(stream)).toEqual({
          stream,
          version: 2,
          state: state(2),
        });
      }),
    );
  });
};
