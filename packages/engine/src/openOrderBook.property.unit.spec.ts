import fc from 'fast-check';
import { isTerminal, mayHaveWorkingOrder, orderView, type OrderState } from '@smart-orders/core';
import { foldedLog, restoreBookSnapshot, writeBookSnapshot } from './bookSnapshot';
import { createOpenOrderBook } from './openOrderBook';
import type { BookSnapshotHeader, BookSnapshots, SnapshotOrder } from './ports/eventStore';
import { sameState as sameAs, streamStates } from './orderStreams.spec.helper';

// The book is given the streams' states in any order.
const STATES = streamStates().states;

type Step = { readonly put: number } | { readonly get: number };
const aStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ put: fc.nat(STATES.length - 1) }),
  fc.record({ get: fc.nat(STATES.length - 1) }),
);

describe('an open-order book that keeps some states packed', () => {
  it('gives back every state as it was stored, whichever are packed', () => {
    fc.assert(
      fc.property(fc.nat(3), fc.array(aStep, { maxLength: 40 }), (unpackedOrders, steps) => {
        const book = createOpenOrderBook(unpackedOrders);
        const open = new Map<string, OrderState>();
        for (const step of steps) {
          if ('put' in step) {
            const state = STATES[step.put] as OrderState;
            book.put(state);
            if (isTerminal(state)) open.delete(state.spec.orderId);
            else open.set(state.spec.orderId, state);
          } else {
            const id = (STATES[step.get] as OrderState).spec.orderId;
            sameAs(book.get(id), open.get(id));
          }
          expect(book.size).toBe(open.size);
        }
        const all = [...book.all()];
        expect(all.map((s) => s.spec.orderId).sort()).toEqual([...open.keys()].sort());
        for (const s of all) sameAs(s, open.get(s.spec.orderId));
        expect(book.views()).toEqual(all.map(orderView));
        expect([...book.symbols()]).toEqual([...new Set(all.map((s) => s.spec.symbol))]);
        // Every order that may have one working is among them.
        const working = [...book.mayBeWorking()].map((s) => s.spec.orderId);
        for (const [id, s] of open) if (mayHaveWorkingOrder(s)) expect(working).toContain(id);
      }),
    );
  });
});

/** A store's snapshots kept in memory: what `bookSnapshot.ts` writes, read back as written. */
const snapshotsInMemory = (): BookSnapshots => {
  let kept: { header: BookSnapshotHeader; orders: SnapshotOrder[] } | null = null;
  return {
    write: async (header, orders) => {
      kept = { header, orders: [...orders] };
      return true;
    },
    read: async (release, into) => {
      if (kept === null || kept.header.release !== release) return null;
      into.header(kept.header);
      for (const o of kept.orders) into.order(o);
      return kept.header;
    },
  };
};

describe('an open-order book restored from its snapshot', () => {
  it('has the states, sequences, symbols, ended orders and index of the book it was taken from', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(3),
        fc.nat(3),
        fc.array(fc.nat(STATES.length - 1), { maxLength: 40 }),
        async (unpackedOrders, restoredUnpacked, puts) => {
          const book = createOpenOrderBook(unpackedOrders);
          for (const i of puts) book.put(STATES[i] as OrderState);
          const snapshots = snapshotsInMemory();
          const log = { ...foldedLog(), last: 7 };
          expect(await writeBookSnapshot(snapshots, book, log)).toBe(true);
          const restored = createOpenOrderBook(restoredUnpacked);
          expect(await restoreBookSnapshot(snapshots, restored)).toBe(7);
          expect([...restored.orderIds()]).toEqual([...book.orderIds()]);
          for (const s of book.all()) {
            const id = s.spec.orderId;
            sameAs(restored.get(id), s);
            expect(restored.seq(id)).toBe(book.seq(id));
            expect(restored.watchedOf(id)).toEqual(book.watchedOf(id));
          }
          expect(restored.views()).toEqual(book.views());
          expect([...restored.markets()]).toEqual([...book.markets()]);
          expect(restored.ended()).toEqual(book.ended());
          expect(restored.index.size).toBe(book.index.size);
          for (const deadline of [0, 1e15])
            expect(restored.due(deadline)).toEqual(book.due(deadline));
          const working = [...restored.mayBeWorking()].map((s) => s.spec.orderId);
          for (const s of book.all())
            if (mayHaveWorkingOrder(s)) expect(working).toContain(s.spec.orderId);
          // Ticks find the same orders in both.
          for (const price of [1, 90, 100, 110, 1e6]) {
            const tick = { type: 'Tick' as const, symbol: 'BTC/USDT', ts: 1, price };
            expect(restored.index.take(tick)).toEqual(book.index.take(tick));
          }
        },
      ),
    );
  });
});
