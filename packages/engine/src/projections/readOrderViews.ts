import { evolve, orderView, type OrderView, type State } from '@smart-orders/core';
import type { EventStore, StoredEvent } from '../ports/eventStore';
import { orderEventOf } from '../orderEventOf';

const PAGE = 50_000;

/** Every stored event in store order, page by page. */
export async function* readAllEvents(
  store: EventStore,
  afterPosition = 0,
): AsyncGenerator<StoredEvent> {
  let after = afterPosition;
  for (;;) {
    const page = await store.readAll(after, PAGE);
    for (const e of page) yield e;
    if (page.length < PAGE) return;
    after = (page[page.length - 1] as StoredEvent).position;
  }
}

/**
 * The view of every order in the store, terminal ones included, in creation order: what
 * `status` and a replay's summary show. `only` limits it to some order ids.
 */
export const readOrderViews = async (
  store: EventStore,
  only?: ReadonlySet<string>,
): Promise<OrderView[]> => {
  const states = new Map<string, State>();
  for await (const e of readAllEvents(store)) {
    if (e.orderId === null || (only !== undefined && !only.has(e.orderId))) continue;
    states.set(e.orderId, evolve(states.get(e.orderId) ?? null, orderEventOf(e)));
  }
  return [...states.values()].flatMap((s) => (s === null ? [] : [orderView(s)]));
};
