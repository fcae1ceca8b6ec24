import { evolve, type OrderEvent, type OrderState } from '@smart-orders/core';
import { createStatePacking } from './statePacking';

export type CreatedEvent = Extract<OrderEvent, { type: 'SmartOrderCreated' }>;

/**
 * The open book's states by order id, in the order the orders were created. At most
 * `unpackedOrders` are kept as objects; the others are packed (`statePacking.ts`), one string
 * of about 330 bytes where the objects took about 1 KB, and made objects again when read (a few
 * microseconds).
 */
export interface KeptStates {
  readonly size: number;
  /**
   * Its state, made objects if it was not, and kept so if it was packed: an order read is about
   * to move. A held order stays held until it is set.
   */
  get(orderId: string): OrderState | undefined;
  /** Its state, made objects if it was not, without keeping it so: a look at every order. */
  peek(orderId: string): OrderState | undefined;
  isPacked(orderId: string): boolean;
  /**
   * The states of the orders kept as objects (or held), and of the packed ones in `also`, which
   * are kept as objects from then on while fewer than the limit are.
   */
  objectsAnd(also: ReadonlySet<string>): IterableIterator<OrderState>;
  /** Keeps `state` as objects; true when the order was not kept, or only held. */
  set(state: OrderState): boolean;
  /** An order created, kept as its creation event until it is set (a restart's). */
  hold(created: CreatedEvent): void;
  delete(orderId: string): void;
  ids(): IterableIterator<string>;
  /** The orders held and not read or set since, in their order. */
  held(): IterableIterator<string>;
  /**
   * Its state packed (`statePacking.ts`), as kept or packed now without keeping it so; null
   * for an order not kept or a state the packing refuses.
   */
  packedOf(orderId: string): string | null;
  /** The key lists the packed states name (a snapshot keeps them with its states). */
  shapes(): readonly (readonly string[])[];
  /**
   * Takes a snapshot's key lists, before its states are restored: only while nothing is kept,
   * so no string packed here names another list.
   */
  adoptShapes(shapes: readonly (readonly string[])[]): void;
  /**
   * Keeps an order restored from a snapshot packed, as it came: made objects again, a state
   * would be a tree of its own where the one a restart folds shares its spec's values with the
   * book's others, more than twice the memory. A tick or a report that moves it makes it
   * objects. True when the order was not kept.
   */
  restore(orderId: string, packed: string): boolean;
}

/**
 * Open orders kept as objects by default. A book of 100k is kept whole: packing would cost its
 * restart a few microseconds an order, where a book of a million needs the memory more.
 */
export const UNPACKED_ORDERS = 150_000;

/** What is kept of an order: its state as objects, packed, or its creation event. */
type Kept = OrderState | string | CreatedEvent;

// An order state has no `type`; an event always has one.
const isState = (kept: Kept): kept is OrderState => typeof kept === 'object' && !('type' in kept);

export const createKeptStates = (unpackedOrders = UNPACKED_ORDERS): KeptStates => {
  const kept = new Map<string, Kept>();
  let packing = createStatePacking();
  // States as objects, counted against the limit; the ones the packing refused are not (it
  // would not bring them back equal): they stay objects.
  let unpacked = 0;
  const unpackable = new Set<string>();
  const counted = (id: string): boolean => {
    const k = kept.get(id);
    return k !== undefined && isState(k) && !unpackable.has(id);
  };
  // Ids in the order their states were made objects, oldest first, so the oldest is packed
  // first; an id since packed or gone is passed over. A sweep round the map instead took a
  // whole round to find one object where few were kept. Made the first time the limit is
  // passed, from the map's order: a book that never packs keeps no queue.
  let queue: string[] | null = null;
  let head = 0;
  const packOldest = (ids: string[]): void => {
    for (;;) {
      // Every state counted is queued; a queue run out would be a bug here, not a hang.
      if (head >= ids.length) throw new Error('kept states: more states counted than queued');
      const id = ids[head++] as string;
      const k = kept.get(id);
      if (k === undefined || !isState(k) || (unpackable.size > 0 && unpackable.has(id))) continue;
      const packed = packing.pack(k);
      if (packed === null) unpackable.add(id);
      else kept.set(id, packed);
      unpacked -= 1;
      return;
    }
  };
  // The ids already taken, and those passed over (orders that ended), are dropped once they
  // are most of the queue: it holds about one id for each state kept as objects.
  const tidy = (ids: string[]): string[] => {
    const left = ids.length - head;
    if (head <= left && left <= 2 * unpacked + 1_024) return ids;
    const seen = new Set<string>();
    const still = ids.slice(head).filter((id) => counted(id) && !seen.has(id) && !!seen.add(id));
    head = 0;
    return still;
  };
  /** Keeps `state` as objects; true when the order was not kept, or only held. */
  const keep = (id: string, state: OrderState): boolean => {
    const before = kept.get(id);
    kept.set(id, state);
    const fresh = before === undefined || (typeof before === 'object' && !isState(before));
    if (!fresh && typeof before !== 'string' && !unpackable.delete(id)) return fresh;
    unpacked += 1;
    if (queue !== null) {
      queue = tidy(queue);
      queue.push(id);
    } else if (unpacked > unpackedOrders) queue = [...kept.keys()].filter(counted);
    else return fresh;
    // More are counted than the limit, and each counted one is in the queue.
    while (unpacked > unpackedOrders) packOldest(queue);
    return fresh;
  };
  const stateOf = (k: Kept): OrderState =>
    typeof k === 'string' ? packing.unpack(k) : isState(k) ? k : (evolve(null, k) as OrderState);
  return {
    get size() {
      return kept.size;
    },
    get(id) {
      const k = kept.get(id);
      if (k === undefined || isState(k)) return k;
      // A held order stays held until it is set: setting it then says it is new.
      if (typeof k !== 'string') return evolve(null, k) as OrderState;
      const state = packing.unpack(k);
      keep(id, state);
      return state;
    },
    peek(id) {
      const k = kept.get(id);
      return k === undefined ? undefined : stateOf(k);
    },
    isPacked: (id) => typeof kept.get(id) === 'string',
    *objectsAnd(also) {
      for (const [id, k] of kept) {
        if (typeof k !== 'string') yield stateOf(k);
        else if (also.has(id)) {
          const state = packing.unpack(k);
          // Kept as objects while there is room: its reports come next (a restart sends its
          // orders again), and a restored book of 100k unpacked each of them twice.
          if (unpacked < unpackedOrders) keep(id, state);
          yield state;
        }
      }
    },
    set: (state) => keep(state.spec.orderId, state),
    *held() {
      for (const [id, k] of kept) if (typeof k === 'object' && !isState(k)) yield id;
    },
    hold(created) {
      if (!kept.has(created.data.orderId)) kept.set(created.data.orderId, created);
    },
    delete(id) {
      if (counted(id)) unpacked -= 1;
      unpackable.delete(id);
      kept.delete(id);
    },
    ids: () => kept.keys(),
    packedOf(id) {
      const k = kept.get(id);
      if (k === undefined) return null;
      return typeof k === 'string' ? k : packing.pack(stateOf(k));
    },
    shapes: () => packing.shapes(),
    adoptShapes(shapes) {
      if (kept.size > 0 || packing.shapes().length > 0)
        throw new Error("kept states: a snapshot's shapes are taken before anything is kept");
      packing = createStatePacking(shapes);
    },
    restore(id, packed) {
      // Into an empty book, where each id comes once: one map operation, not a look and a set.
      const before = kept.size;
      kept.set(id, packed);
      return kept.size > before;
    },
  };
};
