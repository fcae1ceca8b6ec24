import {
  nextDeadline,
  orderKey,
  orderKeyOf,
  orderView,
  isTerminal,
  mayHaveWorkingOrder,
  watchPrices,
  type OrderState,
  type OrderView,
} from '@smart-orders/core';
import { createTriggerIndex, type TriggerIndex } from './index/triggerIndex';

/**
 * The engine's committed view of every open order: its folded state, its creation sequence
 * (orders on one tick are processed in creation order), the trigger index, and the order key
 * that routes an exchange report to its order by client order id.
 */
export interface OpenOrderBook {
  get(orderId: string): OrderState | undefined;
  seq(orderId: string): number | undefined;
  /** Stores a committed state: indexes it, or forgets it once terminal. */
  put(state: OrderState): void;
  /** Puts a state back into the index after the index handed it out for a tick. */
  reindex(orderId: string): void;
  orderIdOfClientOrderId(clientOrderId: string): string | undefined;
  /**
   * The order a client order id belongs to among the last `ENDED_KEPT` orders to end: a venue's
   * late copy of a fill that ended its order is told from a new fill against that order's log.
   */
  endedOrderOf(clientOrderId: string): string | undefined;
  /**
   * Open orders whose next deadline (SEMANTICS §8.6) has passed at `ts`, on `symbol` when
   * given, in creation order.
   */
  due(ts: number, symbol?: string): readonly string[];
  readonly index: TriggerIndex;
  views(): OrderView[];
  all(): IterableIterator<OrderState>;
  readonly size: number;
}

const NO_IDS: readonly string[] = Object.freeze([]);

/**
 * Ended orders remembered by their key: a late copy comes within moments of the fill it repeats,
 * and a thousand orders ending in that time is a busy book. Forgotten oldest first.
 */
export const ENDED_KEPT = 1_024;

export const createOpenOrderBook = (): OpenOrderBook => {
  const states = new Map<string, OrderState>();
  const byKey = new Map<string, string>();
  // Keys are hashed when an order first has an order working on the exchange, or when a report
  // finds no key, not for every order on a restart of 100k; `keyed` holds the orders that have
  // one (few after a restart: a set of every order without one cost 40 bytes an order).
  const keyed = new Set<string>();
  const key = (id: string): void => {
    keyed.add(id);
    byKey.set(orderKey(id), id);
  };
  // It holds every open order's creation sequence too: a map of those cost 40 bytes an order.
  const index = createTriggerIndex();
  const ended = new Map<string, string>();
  // Only orders with time limits are here, so a tick looks at those alone, not at every order.
  const deadlines = new Map<string, number>();
  let nextSeq = 0;

  const indexState = (s: OrderState): void => {
    index.update(s.spec.orderId, nextSeq, s, watchPrices(s));
  };

  return {
    get: (orderId) => states.get(orderId),
    seq: (orderId) => index.seqOf(orderId),
    put(state) {
      const id = state.spec.orderId;
      if (isTerminal(state)) {
        states.delete(id);
        const k = orderKey(id);
        if (keyed.delete(id)) byKey.delete(k);
        index.remove(id);
        deadlines.delete(id);
        ended.delete(k);
        ended.set(k, id);
        if (ended.size > ENDED_KEPT) ended.delete(ended.keys().next().value as string);
        return;
      }
      const deadline = nextDeadline(state);
      if (deadline === null) deadlines.delete(id);
      else deadlines.set(id, deadline);
      // An order with an order working on the exchange is keyed now: its reports are coming.
      // The others wait until a report finds no key (a restart of a large book keys few).
      if (!keyed.has(id) && mayHaveWorkingOrder(state)) key(id);
      const isNew = !states.has(id);
      states.set(id, state);
      indexState(state);
      // A new order took the next sequence; the index keeps the first one it was given.
      if (isNew) nextSeq += 1;
    },
    reindex(orderId) {
      const s = states.get(orderId);
      if (s !== undefined) indexState(s);
    },
    orderIdOfClientOrderId(cid) {
      const wanted = orderKeyOf(cid);
      if (wanted === null) return undefined;
      if (!byKey.has(wanted) && keyed.size < states.size)
        for (const id of states.keys()) if (!keyed.has(id)) key(id);
      return byKey.get(wanted);
    },
    endedOrderOf(cid) {
      const k = orderKeyOf(cid);
      return k === null ? undefined : ended.get(k);
    },
    due(ts, symbol) {
      // Asked at every tick: most books have no deadline, and the answer costs no list then.
      if (deadlines.size === 0) return NO_IDS;
      const ids: string[] = [];
      for (const [id, deadline] of deadlines) {
        if (deadline > ts) continue;
        if (symbol === undefined || states.get(id)?.spec.symbol === symbol) ids.push(id);
      }
      return ids.sort((a, b) => (index.seqOf(a) ?? 0) - (index.seqOf(b) ?? 0));
    },
    index,
    views: () => [...states.values()].map(orderView),
    all: () => states.values(),
    get size() {
      return states.size;
    },
  };
};
