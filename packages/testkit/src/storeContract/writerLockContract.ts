import { isLeft, isRight, type Either } from 'fp-ts/Either';
import {
  orderStream,
  type EventStore,
  type WriterLock,
  type WriterLockHolder,
} from '@smart-orders/engine';
import { expectAppended, newEvents, withStore, type EventStoreFactory } from './storeHarness';

const lockOf = (store: EventStore) => {
  const lockWriter = store.lockWriter;
  if (lockWriter === undefined) throw new Error('this store declares writer locks but has none');
  return lockWriter;
};

const taken = (result: Either<WriterLockHolder, WriterLock>): WriterLock => {
  if (isLeft(result)) throw new Error(`expected the lock, but ${result.left.holder} holds it`);
  return result.right;
};

const refused = (result: Either<WriterLockHolder, WriterLock>): WriterLockHolder => {
  if (isRight(result)) throw new Error(`expected a refusal, but the lock was taken`);
  return result.left;
};

/**
 * Writer locks (`EventStore.lockWriter`): one writer per name at a time, across the processes
 * sharing the data, and nothing of it in the event log.
 */
export const describeWriterLockContract = (factory: EventStoreFactory): void => {
  describe('writer locks, kept outside the event log', () => {
    it(
      'a second writer is refused at once, told who holds the lock; after release it takes it',
      withStore(factory, async ({ store, reopen }) => {
        const other = reopen === undefined ? store : await reopen();
        const first = taken(await lockOf(store)('replay:acct-1', 'replay pid 1 on host-a'));
        expect(first.held()).toBe(true);
        const before = Date.now();
        const holder = refused(await lockOf(other)('replay:acct-1', 'replay pid 2 on host-a'));
        expect(holder.holder).toBe('replay pid 1 on host-a');
        expect(holder.since).toBeLessThanOrEqual(before + 1_000);
        // Another name is another writer.
        const elsewhere = taken(await lockOf(other)('replay:acct-2', 'replay pid 2 on host-a'));
        await first.release();
        expect(first.held()).toBe(false);
        const second = taken(await lockOf(other)('replay:acct-1', 'replay pid 2 on host-a'));
        expect(second.held()).toBe(true);
        await second.release();
        await elsewhere.release();
      }),
    );

    it(
      'leaves nothing in the log: no event, no position, no stream',
      withStore(factory, async ({ store }) => {
        const lock = taken(await lockOf(store)('replay:acct-1', 'replay pid 1 on host-a'));
        await lock.release();
        taken(await lockOf(store)('replay:acct-1', 'replay pid 1 on host-a'));
        const appended = expectAppended(
          await store.appendBatch([
            { stream: orderStream('o-1'), expectedVersion: 'no_stream', events: newEvents(2, 'a') },
          ]),
        );
        // The log holds the batch and nothing else: the lock took, gave up and retook no place in it.
        const all = await store.readAll(0);
        expect(all).toEqual(appended.events);
        expect(all.map((e) => [e.stream, e.version])).toEqual([
          [orderStream('o-1'), 1],
          [orderStream('o-1'), 2],
        ]);
      }),
    );

    it(
      'is given up when its store closes, so a writer that ends frees it for the next',
      withStore(factory, async ({ store, reopen, close }) => {
        if (reopen === undefined) return;
        const second = await reopen();
        taken(await lockOf(store)('replay:acct-1', 'replay pid 1 on host-a'));
        refused(await lockOf(second)('replay:acct-1', 'replay pid 2 on host-a'));
        await close(store);
        taken(await lockOf(second)('replay:acct-1', 'replay pid 2 on host-a'));
      }),
    );
  });
};
