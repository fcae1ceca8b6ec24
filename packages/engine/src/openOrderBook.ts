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
  type WatchPrices,
} from '@smart-orders/core';
import { createTriggerIndex, type TriggerIndex, type WatchedBy } from './index/triggerIndex';
import { createKeptStates, type CreatedEvent } from './keptStates';

/**
 * The engine's committed view of every open order: its folded state, its creation sequence
 * (orders on one tick are processed in creation order), the trigger index, and the order key
 * that routes an exchange report to its order by client order id.
 */
export interface OpenOrderBook {
  get(orderId: string): OrderState | undefined;
  seq(orderId: string): number | undefined;
  /**
   * Stores a committed state: indexes it, or forgets it once terminal. A new order takes the
   * next creation sequence, or `seq` when given (a restart's, where the log created it).
   */
  put(state: OrderState, seq?: number): void;
  /**
   * Holds an order a restart found created, in its place among the others, as its creation
   * event: its state is made when it is read or stored. A restart stores every order it holds
   * before the book is used.
   */
  hold(created: CreatedEvent): void;
  /** Stores every order still held, each at its creation sequence in `seqs`. */
  putHeld(seqs: ReadonlyMap<string, number>): void;
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
  /**
   * The open orders that may have an order working on the exchange, and perhaps a few more: a
   * restart looks these up, and most of a large book has nothing working.
   */
  mayBeWorking(): IterableIterator<OrderState>;
  /** The symbols with open orders. */
  symbols(): IterableIterator<string>;
  /** Each symbol with open orders and the market of the last order stored on it. */
  markets(): IterableIterator<[string, Market]>;
  readonly size: number;
  /** The open orders' ids, in creation order. */
  orderIds(): IterableIterator<string>;
  /** An open order's state packed (`statePacking.ts`); null where the packing refuses it. */
  packedOf(orderId: string): string | null;
  /** What it keeps an open order by besides its state (`Watched`). */
  watchedOf(orderId: string): Watched | undefined;
  /** The key lists its packed states name. */
  shapes(): readonly (readonly string[])[];
  /** The ended orders it remembers by key (`ENDED_KEPT`), oldest first: [key, order id]. */
  ended(): readonly (readonly [string, string])[];
  /**
   * Restores a snapshot into an empty book (`bookSnapshot.ts`): its key lists, the orders it
   * remembered as ended and each symbol's market, then each open order with its packed state,
   * its creation sequence and what the book indexed it by.
   */
  restoreFrom(
    shapes: readonly (readonly string[])[],
    ended: readonly (readonly [string, string])[],
    markets: readonly (readonly [string, Market])[],
  ): void;
  /** An open order of the snapshot, in its place, kept packed: nothing of it is unpacked. */
  restore(orderId: string, packed: string, seq: number, watched: Watched): void;
}

/** What the book keeps an open order by besides its state: a snapshot holds it beside each. */
export interface Watched extends WatchedBy {
  readonly watch: WatchPrices;
  /** `nextDeadline`: its next time limit, if it has one. */
  readonly deadline: number | null;
  /** `mayHaveWorkingOrder`: it may have an order working on the exchange, and is keyed. */
  readonly working: boolean;
}

const NEVER_WATCHED: WatchPrices = Object.freeze({ above: Infinity, below: -Infinity });

const NO_IDS: readonly string[] = Object.freeze([]);

type Market = OrderState['spec']['market'];

/**
 * Ended orders remembered by their key: a late copy comes within moments of the fill it repeats,
 * and a thousand orders ending in that time is a busy book. Forgotten oldest first.
 */
export const ENDED_KEPT = 1_024;

/** `unpackedOrders`: how many states are kept as objects (`keptStates.ts`). */
export const createOpenOrderBook = (unpackedOrders?: number): OpenOrderBook => {
  const states = createKeptStates(unpackedOrders);
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
  // Open orders by symbol, and the market of the last one stored: what the account reads of a
  // book on each heartbeat, without unpacking its states.
  const bySymbol = new Map<string, { orders: number; market: Market }>();

  const indexState = (s: OrderState, seq = nextSeq): void => {
    index.update(s.spec.orderId, seq, s, watchPrices(s));
  };

  const put = (state: OrderState, seq?: number): void => {
    const id = state.spec.orderId;
    if (isTerminal(state)) {
      if (index.seqOf(id) !== undefined) leaves(state.spec.symbol);
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
    // Most books have none: no look in an empty map for every order a restart puts.
    if (deadline === null) {
      if (deadlines.size > 0) deadlines.delete(id);
    } else deadlines.set(id, deadline);
    // An order with an order working on the exchange is keyed now: its reports are coming.
    // The others wait until a report finds no key (a restart of a large book keys few).
    if (!keyed.has(id) && mayHaveWorkingOrder(state)) key(id);
    // A held order is new to the index too.
    const isNew = states.set(state);
    indexState(state, seq);
    if (isNew) added(state.spec.symbol, state.spec.market, seq);
  };
  /**
   * A new order took the next sequence (the index keeps the first one it was given), or a given
   * one that later orders come after.
   */
  const added = (symbol: string, market: Market, seq: number | undefined): void => {
    nextSeq = seq === undefined ? nextSeq + 1 : Math.max(nextSeq, seq + 1);
    const on = bySymbol.get(symbol);
    if (on === undefined) bySymbol.set(symbol, { orders: 1, market });
    else {
      on.orders += 1;
      on.market = market;
    }
  };
  const leaves = (symbol: string): void => {
    const on = bySymbol.get(symbol);
    if (on === undefined) return;
    on.orders -= 1;
    if (on.orders === 0) bySymbol.delete(symbol);
  };

  return {
    get: (orderId) => states.get(orderId),
    seq: (orderId) => index.seqOf(orderId),
    put,
    hold(created) {
      states.hold(created);
    },
    putHeld(seqs) {
      for (const id of [...states.held()]) put(states.get(id) as OrderState, seqs.get(id));
    },
    reindex(orderId) {
      const s = states.peek(orderId);
      if (s !== undefined) indexState(s);
    },
    orderIdOfClientOrderId(cid) {
      const wanted = orderKeyOf(cid);
      if (wanted === null) return undefined;
      if (!byKey.has(wanted) && keyed.size < states.size)
        for (const id of states.ids()) if (!keyed.has(id)) key(id);
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
        if (symbol === undefined || states.peek(id)?.spec.symbol === symbol) ids.push(id);
      }
      return ids.sort((a, b) => (index.seqOf(a) ?? 0) - (index.seqOf(b) ?? 0));
    },
    index,
    views: () => Array.from(states.ids(), (id) => orderView(states.peek(id) as OrderState)),
    *all() {
      for (const id of states.ids()) yield states.peek(id) as OrderState;
    },
    *mayBeWorking() {
      // An order that may have one was keyed when it was stored so: a packed one not keyed has
      // none, and is not unpacked to be told so.
      yield* states.objectsAnd(keyed);
    },
    symbols: () => bySymbol.keys(),
    *markets() {
      for (const [symbol, on] of bySymbol) yield [symbol, on.market];
    },
    get size() {
      return states.size;
    },
    orderIds: () => states.ids(),
    watchedOf(orderId) {
      // From the index where it watches prices, as most do: a packed state is not unpacked.
      const watched = index.watchOf(orderId);
      const spec = watched?.spec ?? states.peek(orderId)?.spec;
      if (spec === undefined) return undefined;
      return {
        spec: { symbol: spec.symbol, side: spec.side, triggerSource: spec.triggerSource },
        watch: watched?.watch ?? NEVER_WATCHED,
        deadline: deadlines.get(orderId) ?? null,
        // Keyed stays keyed (a late report finds its order without a look through the book),
        // but only an order that may have one working now is keyed again by a restore: a book
        // built live keys every order whose entry was sent, and a restore that keyed a million
        // looked each up again and held a key for each.
        working: keyed.has(orderId) && mayHaveWorkingOrder(states.peek(orderId) as OrderState),
      };
    },
    packedOf: (orderId) => states.packedOf(orderId),
    shapes: () => states.shapes(),
    ended: () => [...ended],
    restoreFrom(shapes, endedBefore, marketsBefore) {
      states.adoptShapes(shapes);
      for (const [k, id] of endedBefore) ended.set(k, id);
      // Each symbol's market, counted with no orders until its orders are restored.
      for (const [symbol, market] of marketsBefore) bySymbol.set(symbol, { orders: 0, market });
    },
    restore(id, packed, seq, watched) {
      if (watched.deadline !== null) deadlines.set(id, watched.deadline);
      if (watched.working) key(id);
      if (!states.restore(id, packed)) return;
      index.update(id, seq, watched, watched.watch);
      const { symbol } = watched.spec;
      added(symbol, (bySymbol.get(symbol) as { market: Market }).market, seq);
    },
  };
};
