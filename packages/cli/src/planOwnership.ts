import { orderStream, type EventStore } from '@smart-orders/engine';
import { badInput } from './cliFailure';

/**
 * A plan's commands apply only to the orders that plan created. An order id of the plan that
 * already has a stream in the store, before this plan has committed anything there (no
 * checkpoint of its own), belongs to another plan or run: acting on it would skip this plan's
 * create and cancel, modify or flatten someone else's order. Refused before anything is written.
 */
export const refuseOrdersOfAnotherPlan = async (
  store: EventStore,
  checkpointName: string,
  orderIds: Iterable<string>,
): Promise<void> => {
  if ((await store.readCheckpoint(checkpointName)) !== null) return;
  for (const id of orderIds) {
    if ((await store.readStream(orderStream(id))).length > 0)
      badInput(
        `plan: order ${id} already exists in this store, created by another plan or run; a plan acts only on the orders it creates: give its orders ids of their own, or another store`,
      );
  }
};
