import fc from 'fast-check';
import { isTerminal, mayHaveWorkingOrder, orderView, type OrderState } from '@smart-orders/core';
import { createOpenOrderBook } from './openOrderBook';
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
