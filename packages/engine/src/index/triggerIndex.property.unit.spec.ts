import fc from 'fast-check';
import type { OrderState, Tick } from '@smart-orders/core';
import { createTriggerIndex } from './triggerIndex';

const ORDERS = ['a', 'b', 'c', 'd', 'e', 'f'];
const SYMBOLS = ['BTC/USDT', 'ETH/USDT'];
// Orders a…c buy and d…f sell; a, b, d and e on the first symbol. Read on the last price only.
const stateOf = (orderId: string): OrderState =>
  ({
    spec: {
      orderId,
      symbol: SYMBOLS[['a', 'b', 'd', 'e'].includes(orderId) ? 0 : 1],
      side: ORDERS.indexOf(orderId) < 3 ? 'BUY' : 'SELL',
      triggerSource: 'LAST',
    },
  }) as unknown as OrderState;

const price = fc.integer({ min: 90, max: 110 });
const op = fc.oneof(
  fc.record({
    type: fc.constant('update' as const),
    orderId: fc.constantFrom(...ORDERS),
    above: fc.oneof(price, fc.constant(Infinity)),
    below: fc.oneof(price, fc.constant(-Infinity)),
  }),
  fc.record({ type: fc.constant('remove' as const), orderId: fc.constantFrom(...ORDERS) }),
  fc.record({ type: fc.constant('take' as const), symbol: fc.constantFrom(...SYMBOLS), price }),
);

interface Watched {
  readonly seq: number;
  readonly above: number;
  readonly below: number;
}

describe('the trigger index against every order looked at one by one', () => {
  it('hands out, in creation order, exactly the watched orders of the symbol whose prices the tick reached', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const index = createTriggerIndex();
        const model = new Map<string, Watched>();
        // Every order in the index, watched or not, with the sequence it was first given.
        const open = new Map<string, number>();
        for (const [step, o] of ops.entries()) {
          if (o.type === 'update') {
            // The sequence given at the first update stands; a later one's is ignored.
            const first = open.get(o.orderId);
            const seq = first ?? ORDERS.indexOf(o.orderId) * 1000 + step;
            open.set(o.orderId, seq);
            index.update(o.orderId, first === undefined ? seq : step, stateOf(o.orderId), {
              above: o.above,
              below: o.below,
            });
            if (o.above === Infinity && o.below === -Infinity) model.delete(o.orderId);
            else model.set(o.orderId, { seq, above: o.above, below: o.below });
          } else if (o.type === 'remove') {
            index.remove(o.orderId);
            model.delete(o.orderId);
            open.delete(o.orderId);
          } else {
            const tick: Tick = { type: 'Tick', symbol: o.symbol, ts: 1, price: o.price };
            const expected = [...model]
              .filter(
                ([id, w]) =>
                  stateOf(id).spec.symbol === o.symbol &&
                  (w.above <= o.price || w.below >= o.price),
              )
              .sort(([, x], [, y]) => x.seq - y.seq)
              .map(([id]) => id);
            expect(index.take(tick)).toEqual(expected);
            for (const id of expected) model.delete(id);
          }
          expect(index.size).toBe(model.size);
          for (const id of ORDERS) expect(index.seqOf(id)).toBe(open.get(id));
        }
      }),
      { numRuns: 300 },
    );
  });
});
