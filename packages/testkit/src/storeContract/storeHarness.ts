import { isLeft, type Either } from 'fp-ts/Either';
import type { ConcurrencyConflict, EventStore, NewEvent } from '@smart-orders/engine';

/** What an adapter's spec hands to the contract suite, once per test. */
export interface EventStoreUnderTest {
  /** An empty store. */
  readonly store: EventStore;
  /**
   * Opens another store on the same data, as a restarted or second process would. It may be
   * called while `store` is still open. Adapters without durable data (memory) leave it out.
   */
  readonly reopen?: () => Promise<EventStore>;
  /** Removes the data. The suite has closed every store it was given or opened by then. */
  readonly cleanup: () => Promise<void>;
}

export type EventStoreFactory = () => Promise<EventStoreUnderTest>;

export interface StoreContext {
  readonly store: EventStore;
  readonly reopen: (() => Promise<EventStore>) | undefined;
  /** Closes a store once; the harness closes whatever is still open at the end. */
  readonly close: (store: EventStore) => Promise<void>;
}

/** Runs one test on a fresh store and always closes the stores and cleans up after it. */
export const withStore =
  (factory: EventStoreFactory, test: (context: StoreContext) => Promise<void>) =>
  async (): Promise<void> => {
    const subject = await factory();
    const opened: EventStore[] = [subject.store];
    const closed = new Set<EventStore>();
    const close = async (store: EventStore): Promise<void> => {
      if (closed.has(store)) return;
      closed.add(store);
      await store.close();
    };
    const reopenData = subject.reopen;
    const reopen =
      reopenData &&
      (async () => {
        const store = await reopenData();
        opened.push(store);
        return store;
      });
    try {
      await test({ store: subject.store, reopen, close });
    } finally {
      for (const store of opened) await close(store);
      await subject.cleanup();
    }
  };

export const TS = 1_700_000_000_123;

/** `count` events whose data tells which stream and batch they were written for. */
export const newEvents = (count: number, tag: string, type = 'ContractTested'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ type, ts: TS + i, data: { tag, index: i } }));

export const expectAppended = <A>(result: Either<ConcurrencyConflict, A>): A => {
  if (isLeft(result))
    throw new Error(`expected the append to succeed, but: ${result.left.message}`);
  return result.right;
};

export const expectConflict = <A>(result: Either<ConcurrencyConflict, A>): ConcurrencyConflict => {
  if (isLeft(result)) return result.left;
  throw new Error('expected a CONCURRENCY_CONFLICT, but the append succeeded');
};

export const positionsOf = (events: readonly { readonly position: number }[]): number[] =>
  events.map((e) => e.position);

export const isStrictlyIncreasing = (values: readonly number[]): boolean =>
  values.every((v, i) => i === 0 || v > (values[i - 1] as number));
