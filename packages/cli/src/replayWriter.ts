import { hostname } from 'node:os';
import { isLeft } from 'fp-ts/Either';
import type { EventStore, WriterLock } from '@smart-orders/engine';
import { badInput, StoreFailure } from './cliFailure';
import type { Io } from './commands/replay';
import { storeLabel, type StoreUrl } from './storeUrl';

/** The writer lock of the replays of one account's partition on a store. */
export const replayLockName = (accountId: string): string => `replay:${accountId}`;

/**
 * One replay at a time writes a partition of a store: two would each decide the same ticks, and
 * which one commits a trailing raise would depend on timing. The lock is the store's writer lock
 * (`EventStore.lockWriter`), kept outside the event log, so a replay interrupted and run again
 * ends with the log of one that ran once. A second replay is refused at once (exit 2, nothing
 * written), naming the one that holds it. Returns the store as the holder writes to it: every
 * batch is refused once the store can no longer vouch for the lock.
 */
export const holdReplayWriter = async (
  store: EventStore,
  storeUrl: StoreUrl,
  accountId: string,
  io: Io,
  command: 'replay' | 'serve' = 'replay',
): Promise<{ store: EventStore; lock: WriterLock | null }> => {
  if (store.lockWriter === undefined) {
    io.err(
      `${command}: ${storeLabel(storeUrl)} keeps no writer lock (EventStoreDB): run one replay of account ${accountId} on it at a time`,
    );
    return { store, lock: null };
  }
  const name = replayLockName(accountId);
  const taken = await store.lockWriter(name, `${command} pid ${process.pid} on ${hostname()}`);
  if (isLeft(taken))
    return badInput(
      `--store: account ${accountId} of ${storeLabel(storeUrl)} is being replayed into by ${taken.left.holder}, since ${new Date(taken.left.since).toISOString()}; this one is refused and wrote nothing. Run it again once that one has ended: it resumes from the checkpoint`,
    );
  const lock = taken.right;
  const held: EventStore = {
    ...store,
    appendBatch: async (appends, checkpoints, fence) => {
      if (!lock.held())
        throw new StoreFailure(
          storeLabel(storeUrl),
          new Error(
            `the writer lock ${name} was lost (the store's session holding it ended): this ${command} stopped before another batch; run it again to resume from its checkpoint`,
          ),
        );
      return store.appendBatch(appends, checkpoints, fence);
    },
  };
  return { store: held, lock };
};
