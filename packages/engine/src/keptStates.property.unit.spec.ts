import fc from 'fast-check';
import { evolve, isTerminal, type OrderState } from '@smart-orders/core';
import { createKeptStates, type CreatedEvent } from './keptStates';
import { sameState as sameAs, streamStates } from './orderStreams.spec.helper';

const { states: STATES, created } = streamStates();
const CREATED = created as readonly CreatedEvent[];

type Step =
  | { readonly set: number }
  | { readonly get: number }
  | { readonly hold: number }
  | { readonly remove: number };
const aStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ set: fc.nat(STATES.length - 1) }),
  fc.record({ get: fc.nat(STATES.length - 1) }),
  fc.record({ hold: fc.nat(CREATED.length - 1) }),
  fc.record({ remove: fc.nat(CREATED.length - 1) }),
);

describe('kept states', () => {
  it('give back every state as it was set or held, and keep no more objects than their limit', () => {
    fc.assert(
      fc.property(fc.nat(3), fc.array(aStep, { maxLength: 40 }), (limit, steps) => {
        const kept = createKeptStates(limit);
        const model = new Map<string, OrderState>();
        const held = new Set<string>();
        for (const step of steps) {
          if ('set' in step) {
            const state = STATES[step.set] as OrderState;
            kept.set(state);
            model.set(state.spec.orderId, state);
            held.delete(state.spec.orderId);
          } else if ('hold' in step) {
            const created = CREATED[step.hold] as CreatedEvent;
            const id = created.data.orderId;
            kept.hold(created);
            if (!model.has(id)) {
              model.set(id, evolve(null, created) as OrderState);
              held.add(id);
            }
          } else if ('remove' in step) {
            const id = (CREATED[step.remove] as CreatedEvent).data.orderId;
            kept.delete(id);
            model.delete(id);
            held.delete(id);
          } else {
            const id = (STATES[step.get] as OrderState).spec.orderId;
            // A held order stays held until it is set.
            sameAs(kept.get(id), model.get(id));
          }
          expect(kept.size).toBe(model.size);
          const objects = [...kept.ids()].filter((id) => !kept.isPacked(id) && !held.has(id));
          expect(objects.length).toBeLessThanOrEqual(limit);
        }
        expect([...kept.ids()].sort()).toEqual([...model.keys()].sort());
        for (const [id, state] of model) sameAs(kept.peek(id), state);
      }),
    );
  });

  it('keep the order in which the orders came, whatever is packed', () => {
    const kept = createKeptStates(0);
    const [a, b, c] = CREATED as [CreatedEvent, CreatedEvent, CreatedEvent];
    kept.hold(a);
    kept.hold(b);
    kept.hold(c);
    const filled = STATES.find(
      (s) => s.spec.orderId === b.data.orderId && !isTerminal(s) && s.version === 2,
    );
    kept.set(filled as OrderState);
    expect(kept.isPacked(b.data.orderId)).toBe(true);
    expect([...kept.ids()]).toEqual([a, b, c].map((e) => e.data.orderId));
  });

  it('stay right through many orders coming and going, the few objects the limit allows', () => {
    const kept = createKeptStates(3);
    const model = new Map<string, OrderState>();
    const base = STATES.filter((s) => !isTerminal(s));
    for (let i = 0; i < 20_000; i++) {
      const from = base[i % base.length] as OrderState;
      const state = { ...from, spec: { ...from.spec, orderId: `o-${i % 5_000}` } };
      kept.set(state);
      model.set(state.spec.orderId, state);
      // Orders end as others come: ids the packing queue passes over pile up.
      const gone = `o-${(i * 7) % 5_000}`;
      if (i % 3 === 0) {
        kept.delete(gone);
        model.delete(gone);
      }
      if (i % 997 === 0)
        sameAs(kept.get(`o-${(i * 13) % 5_000}`), model.get(`o-${(i * 13) % 5_000}`));
    }
    expect(kept.size).toBe(model.size);
    expect([...kept.ids()].filter((id) => !kept.isPacked(id)).length).toBeLessThanOrEqual(3);
    for (const [id, state] of model) sameAs(kept.peek(id), state);
  });
});
