import { isLeft, isRight } from 'fp-ts/Either';
import {
  fenceOf,
  isStaleLeaseEpoch,
  leaseStream,
  orderStream,
  readLease,
  releaseLease,
  renewLease,
  takeLease,
  type EventStore,
  type HeldLease,
} from '@smart-orders/engine';
import { TS, expectAppended, newEvents, withStore, type EventStoreFactory } from './storeHarness';

const MS = 10_000;

const held = (result: Awaited<ReturnType<typeof takeLease>>): HeldLease => {
  if (isLeft(result)) throw new Error(`expected the lease, but: ${result.left.message}`);
  return result.right;
};

const staleEpochOf = async (append: Promise<unknown>): Promise<unknown> =>
  append.then(
    () => {
      throw new Error('expected STALE_LEASE_EPOCH, but the batch was written');
    },
    (error: unknown) => error,
  );

const appendFenced = (
  store: EventStore,
  lease: HeldLease,
  tag: string,
  expectedVersion: 'any' | number = 'any',
) =>
  store.appendBatch(
    [{ stream: orderStream('o-1'), expectedVersion, events: newEvents(1, tag) }],
    [{ name: 'engine', value: tag }],
    fenceOf(lease),
  );

/** Partition leases on the store: one owner at a time, and fencing of a deposed owner's batches. */
export const describeLeaseContract = (factory: EventStoreFactory): void => {
  describe('partition leases and fencing', () => {
    it(
      'a free lease is taken at epoch 1; the lease events are in the lease stream and the global log',
      withStore(factory, async ({ store }) => {
        const lease = held(await takeLease(store, 'acct-1', 'engine-a', TS, MS));
        expect(lease).toMatchObject({
          stream: leaseStream('acct-1'),
          epoch: 1,
          until: TS + MS,
          version: 1,
        });
        const events = await store.readStream(leaseStream('acct-1'));
        expect(events.map((e) => [e.type, e.data])).toEqual([
          ['EngineLeaseTaken', { engineId: 'engine-a', epoch: 1, until: TS + MS }],
        ]);
        expect((await store.readAll(0)).map((e) => e.stream)).toEqual([leaseStream('acct-1')]);
      }),
    );

    it(
      'a held lease is refused to another engine until it expires, then taken over with the next epoch',
      withStore(factory, async ({ store }) => {
        held(await takeLease(store, 'acct-1', 'engine-a', TS, MS));
        const refused = await takeLease(store, 'acct-1', 'engine-b', TS + MS - 1, MS);
        expect(isLeft(refused) && refused.left).toMatchObject({
          code: 'LEASE_HELD',
          holder: 'engine-a',
        });
        const taken = held(await takeLease(store, 'acct-1', 'engine-b', TS + MS, MS));
        expect(taken).toMatchObject({ engineId: 'engine-b', epoch: 2, version: 2 });
        expect((await readLease(store, 'acct-1')).state).toEqual({
          holder: 'engine-b',
          epoch: 2,
          until: TS + 2 * MS,
        });
      }),
    );

    it(
      'batches fenced at the current epoch are written; after a take-over the old epoch is refused with STALE_LEASE_EPOCH and nothing is written',
      withStore(factory, async ({ store }) => {
        const a = held(await takeLease(store, 'acct-1', 'engine-a', TS, MS));
        expectAppended(await appendFenced(store, a, 'a-1'));
        const b = held(await takeLease(store, 'acct-1', 'engine-b', TS + MS, MS));
        const before = await store.readAll(0);
        const error = await staleEpochOf(appendFenced(store, a, 'a-2'));
        expect(isStaleLeaseEpoch(error)).toBe(true);
        expect(error).toMatchObject({
          code: 'STALE_LEASE_EPOCH',
          stream: leaseStream('acct-1'),
          epoch: 1,
          currentEpoch: 2,
        });
        expect((error as Error).message).toContain('lease epoch 1 but the lease is at epoch 2');
        expect(await store.readAll(0)).toEqual(before);
        expect(await store.readCheckpoint('engine')).toBe('a-1');
        expectAppended(await appendFenced(store, b, 'b-1', 1));
        expect(
          (await store.readStream(orderStream('o-1'))).map((e) => (e.data as { tag: string }).tag),
        ).toEqual(['a-1', 'b-1']);
      }),
    );

    it(
      'a fence on a lease nobody took (epoch 0) is refused',
      withStore(factory, async ({ store }) => {
        const error = await staleEpochOf(
          store.appendBatch(
            [{ stream: orderStream('o-1'), expectedVersion: 'any', events: newEvents(1, 'x') }],
            [],
            { stream: leaseStream('nobody'), epoch: 1 },
          ),
        );
        expect(error).toMatchObject({ code: 'STALE_LEASE_EPOCH', epoch: 1, currentEpoch: 0 });
        expect(await store.readAll(0)).toEqual([]);
      }),
    );

    it(
      'renewal extends the lease at the same epoch; after a take-over it is a conflict (the lease is lost)',
      withStore(factory, async ({ store }) => {
        const a = held(await takeLease(store, 'acct-1', 'engine-a', TS, MS));
        const renewed = held(await renewLease(store, a, TS + 5_000, MS));
        expect(renewed).toMatchObject({ epoch: 1, until: TS + 15_000, version: 2 });
        expectAppended(await appendFenced(store, renewed, 'a-1'));
        held(await takeLease(store, 'acct-1', 'engine-b', TS + 15_000, MS));
        // Its clock says the lease has not expired (a slow clock, or a renewal decided just
        // before a pause): only the store can tell that the lease is gone.
        const lost = await renewLease(store, renewed, TS + 14_999, MS);
        expect(isLeft(lost) && lost.left.code).toBe('CONCURRENCY_CONFLICT');
      }),
    );

    it(
      'a released lease is taken at once by the next engine',
      withStore(factory, async ({ store }) => {
        const a = held(await takeLease(store, 'acct-1', 'engine-a', TS, MS));
        expect(isRight(await releaseLease(store, a, TS + 1))).toBe(true);
        expect(held(await takeLease(store, 'acct-1', 'engine-b', TS + 2, MS)).epoch).toBe(2);
      }),
    );

    it(
      'of engines taking a free lease at the same moment, exactly one gets it',
      withStore(factory, async ({ store }) => {
        const results = await Promise.all(
          ['a', 'b', 'c', 'd', 'e'].map((id) => takeLease(store, 'acct-1', `engine-${id}`, TS, MS)),
        );
        expect(results.filter(isRight)).toHaveLength(1);
        for (const r of results.filter(isLeft))
          expect(['CONCURRENCY_CONFLICT', 'LEASE_HELD']).toContain(r.left.code);
        expect((await store.readStream(leaseStream('acct-1'))).length).toBe(1);
      }),
      30_000,
    );

    it(
      'leases of different partitions are independent (needs reopen: a second process fenced by the first one`s take-over)',
      withStore(factory, async ({ store, reopen }) => {
        const a = held(await takeLease(store, 'acct-1', 'engine-a', TS, MS));
        const other = held(await takeLease(store, 'acct-2', 'engine-b', TS, MS));
        expect(other.epoch).toBe(1);
        if (reopen === undefined) return;
        const second = await reopen();
        held(await takeLease(second, 'acct-1', 'engine-c', TS + MS, MS));
        expect(await staleEpochOf(appendFenced(store, a, 'a-late'))).toMatchObject({
          code: 'STALE_LEASE_EPOCH',
        });
        expectAppended(
          await store.appendBatch(
            [
              {
                stream: orderStream('o-2'),
                expectedVersion: 'no_stream',
                events: newEvents(1, 'b'),
              },
            ],
            [],
            fenceOf(other),
          ),
        );
      }),
    );
  });
};
