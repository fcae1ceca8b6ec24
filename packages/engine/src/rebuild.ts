import { evolve, isTerminal, type OrderEvent } from '@smart-orders/core';
import type { CreatedEvent } from './keptStates';
import type { OpenOrderBook } from './openOrderBook';
import type { EventStore } from './ports/eventStore';
import { createSpecInterner } from './specInterner';

// Pages small enough to die young: a page's events are garbage once folded, but a page of 50,000
// (40 MB of envelopes and parsed data on SQLite) outlived the young generation's collections,
// each of which copied it again, and was promoted to old space to be freed by a full collection;
// the garbage collector took half of a restart of 100,000 orders. Pages of 2,000 make its read
// about 100 queries instead of 4, each a range of the table's own (position) order.
const PAGE = 2_000;

/**
 * Rebuilds every open order in one pass over the store-wide log after `after` (a snapshot's
 * position, `bookSnapshot.ts`; 0, the whole log): the open-orders projection and each order's
 * fold at once, in creation order, dropping an order at its terminal event. One sequential read
 * beats one stream read per open order by far on SQLite and PostgreSQL. The store is our own log,
 * written from decided events, so data is folded without decoding. Each order is stored at the
 * position of its `SmartOrderCreated` (`book.seq`), which dates the requests it asked for then,
 * so that a restart sends them again in their first order. Returns the last position read.
 */
export const rebuildOpenOrders = async (
  store: EventStore,
  book: OpenOrderBook,
  after = 0,
): Promise<number> => {
  // An order is held in the book as its creation event until a second event comes, and its
  // state is made then: most open orders have one more (their entry's fill), so the state
  // `SmartOrderCreated` folds to dies as soon as it is made, not kept (and copied by the
  // collector) until that event comes, a whole book later. From then on the book keeps its
  // state, and packs what it keeps beyond its objects as it goes (`UNPACKED_ORDERS`): states kept
  // here until the end were, in a book of a million, a million trees the collector copied. Held,
  // an order keeps its place: the book stays in creation order.
  const createdAt = new Map<string, number>();
  const intern = createSpecInterner();
  for (;;) {
    const page = await store.readAll(after, PAGE);
    if (page.length === 0) break;
    for (const envelope of page) {
      after = envelope.position;
      const id = envelope.orderId;
      if (id === null) continue;
      const state = book.get(id);
      if (state === undefined) {
        if (envelope.type !== 'SmartOrderCreated') continue;
        // The spec an open order keeps: its repeated values shared across the book.
        const data = intern(envelope.data as Record<string, unknown>);
        book.hold({ type: envelope.type, ts: envelope.ts, data } as CreatedEvent);
        createdAt.set(id, envelope.position);
        continue;
      }
      const next = evolve(state, {
        type: envelope.type,
        ts: envelope.ts,
        data: envelope.data,
      } as OrderEvent);
      if (next === null) continue;
      // In creation order, as a book that saw them created would have them.
      book.put(next, createdAt.get(id));
      if (isTerminal(next)) createdAt.delete(id);
    }
    if (page.length < PAGE) break;
  }
  // The orders still held, each stored where it was created.
  book.putHeld(createdAt);
  return after;
};
