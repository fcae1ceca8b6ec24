import type { EventStore } from '../ports/eventStore';
import { isStaleLeaseEpoch } from '../ports/eventStore';
import type { PartitionOwnership } from './partitionOwnership';

/**
 * The store as the owner of a partition writes to it: every batch carries the lease's fence, so
 * the store refuses it once another engine took the partition over, and a batch refused so —
 * or attempted after the lease ran out on this machine's clock — marks the lease lost and throws
 * `LeaseLost`: the engine stops deciding, and nothing it decided is sent.
 */
export const ownedStore = (store: EventStore, ownership: PartitionOwnership): EventStore => ({
  readStream: (stream, fromVersion) => store.readStream(stream, fromVersion),
  readAll: (afterPosition, limit) => store.readAll(afterPosition, limit),
  subscribeAll: (afterPosition) => store.subscribeAll(afterPosition),
  readCheckpoint: (name) => store.readCheckpoint(name),
  close: () => store.close(),
  // A snapshot is the fold of the whole log up to its position, whoever owns what: the store
  // writes one only where the book holds every order event up to it, so an owner that lost its
  // lease, or shares the store with other partitions' engines, writes none unless it is so.
  ...(store.bookSnapshots === undefined ? {} : { bookSnapshots: store.bookSnapshots }),
  async appendBatch(appends, checkpoints) {
    const fence = ownership.fence();
    try {
      return await store.appendBatch(appends, checkpoints, fence);
    } catch (error) {
      if (isStaleLeaseEpoch(error))
        throw ownership.lose(
          `the store refused a batch of epoch ${error.epoch}: the lease is at epoch ${error.currentEpoch}, another engine took the partition over`,
        );
      throw error;
    }
  },
});
