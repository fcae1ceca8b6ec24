import type { EventStore } from '@smart-orders/engine';
import { monotonicMs } from './pushClient';

/** The store, noting when each position's transaction returned, on the clients' clock. */
export const timedStore =
  (commits: Map<number, number>) =>
  (store: EventStore): EventStore => ({
    ...store,
    async appendBatch(appends, checkpoints) {
      const result = await store.appendBatch(appends, checkpoints);
      const at = monotonicMs();
      if (result._tag === 'Right') for (const e of result.right.events) commits.set(e.position, at);
      return result;
    },
  });
