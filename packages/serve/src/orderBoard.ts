import { evolve, orderView, type OrderEvent, type OrderView, type State } from '@smart-orders/core';
import { readAllEvents, type EventStore, type StoredEvent } from '@smart-orders/engine';

/**
 * Every order's view, terminal ones included, and how far into the store's log the board has
 * read: the views come from the engine (one per order and batch), the log from the store's
 * global feed.
 */
export interface OrderBoard {
  /** Folds the whole log once, at start; the store's feed carries on from `position()`. */
  load(store: EventStore): Promise<void>;
  noteView(view: OrderView): void;
  /** An event of the store's feed, in store order. */
  noteEvent(event: StoredEvent): void;
  /** In creation order. */
  views(): OrderView[];
  view(orderId: string): OrderView | undefined;
  /** Position of the last event read from the log; 0 for an empty store. */
  position(): number;
  /** The last version of the order's stream read from the log; 0 when none was. */
  logVersion(orderId: string): number;
}

export const createOrderBoard = (): OrderBoard => {
  const views = new Map<string, OrderView>();
  const logVersions = new Map<string, number>();
  let position = 0;

  const noteView = (view: OrderView) => {
    const known = views.get(view.orderId);
    if (known === undefined || known.version <= view.version) views.set(view.orderId, view);
  };
  const noteEvent = (event: StoredEvent) => {
    position = Math.max(position, event.position);
    if (event.orderId !== null) logVersions.set(event.orderId, event.version);
  };

  return {
    async load(store) {
      const states = new Map<string, State>();
      for await (const e of readAllEvents(store)) {
        noteEvent(e);
        if (e.orderId === null) continue;
        const event = { type: e.type, ts: e.ts, data: e.data } as OrderEvent;
        states.set(e.orderId, evolve(states.get(e.orderId) ?? null, event));
      }
      for (const s of states.values()) if (s !== null) noteView(orderView(s));
    },
    noteView,
    noteEvent,
    views: () => [...views.values()],
    view: (orderId) => views.get(orderId),
    position: () => position,
    logVersion: (orderId) => logVersions.get(orderId) ?? 0,
  };
};
