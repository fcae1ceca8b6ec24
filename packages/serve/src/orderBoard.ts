import { evolve, orderView, type OrderEvent, type OrderView, type State } from '@smart-orders/core';
import { readAllEvents, type EventStore, type StoredEvent } from '@smart-orders/engine';

/** Every order's view, terminal ones included, and the store position they stand at. */
export interface OrderBoard {
  /** Folds the whole log once; views and positions seen live meanwhile are kept when newer. */
  load(store: EventStore): Promise<void>;
  noteView(view: OrderView): void;
  noteEvent(event: StoredEvent): void;
  /** In creation order. */
  views(): OrderView[];
  view(orderId: string): OrderView | undefined;
  /** Position of the last event the views include; 0 for an empty store. */
  position(): number;
}

export const createOrderBoard = (): OrderBoard => {
  const views = new Map<string, OrderView>();
  let position = 0;

  const noteView = (view: OrderView) => {
    const known = views.get(view.orderId);
    if (known === undefined || known.version <= view.version) views.set(view.orderId, view);
  };

  return {
    async load(store) {
      const states = new Map<string, State>();
      let last = 0;
      for await (const e of readAllEvents(store)) {
        last = e.position;
        if (e.orderId === null) continue;
        const event = { type: e.type, ts: e.ts, data: e.data } as OrderEvent;
        states.set(e.orderId, evolve(states.get(e.orderId) ?? null, event));
      }
      for (const s of states.values()) if (s !== null) noteView(orderView(s));
      position = Math.max(position, last);
    },
    noteView,
    noteEvent(event) {
      position = Math.max(position, event.position);
    },
    views: () => [...views.values()],
    view: (orderId) => views.get(orderId),
    position: () => position,
  };
};
