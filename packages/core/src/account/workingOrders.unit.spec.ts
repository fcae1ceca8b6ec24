import fc from 'fast-check';
import {
  NO_WORKING_ORDERS,
  withoutWorkingOrder,
  withWorkingOrder,
  workingOn,
  workingOrderRefs,
  workingSymbols,
  type WorkingOrders,
} from './workingOrders';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'ETH/BTC'];
const IDS = ['a', 'b', 'c', 'd', 'e', 'f'];

type Change =
  | {
      readonly add: true;
      readonly id: string;
      readonly symbol: string;
      readonly reduceOnly: boolean;
    }
  | { readonly add: false; readonly id: string };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    add: fc.constant(true as const),
    id: fc.constantFrom(...IDS),
    symbol: fc.constantFrom(...SYMBOLS),
    reduceOnly: fc.boolean(),
  }),
  fc.record({ add: fc.constant(false as const), id: fc.constantFrom(...IDS) }),
);

const apply = (w: WorkingOrders, c: Change): WorkingOrders =>
  c.add
    ? withWorkingOrder(w, c.id, { symbol: c.symbol, reduceOnly: c.reduceOnly })
    : withoutWorkingOrder(w, c.id);

describe('working orders', () => {
  it('hold what a plain map would, and count per symbol exactly the orders working there', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        const model = new Map<string, { symbol: string; reduceOnly: boolean }>();
        let working = NO_WORKING_ORDERS;
        for (const c of changes) {
          if (c.add) model.set(c.id, { symbol: c.symbol, reduceOnly: c.reduceOnly });
          else model.delete(c.id);
          working = apply(working, c);
        }
        expect(Object.fromEntries(working.byId)).toEqual(Object.fromEntries(model));
        for (const symbol of SYMBOLS) {
          const expected = [...model.values()].filter((o) => o.symbol === symbol).length;
          expect(workingOn(working, symbol)).toBe(expected);
          expect(workingSymbols(working).includes(symbol)).toBe(expected > 0);
        }
        expect(workingOrderRefs(working)).toEqual(
          [...model]
            .map(([clientOrderId, o]) => ({ clientOrderId, symbol: o.symbol }))
            .sort((a, b) => (a.clientOrderId < b.clientOrderId ? -1 : 1)),
        );
      }),
    );
  });

  it('never change a value already folded: an earlier state reads the same after later changes', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 30 }), (changes) => {
        const states = changes.reduce<WorkingOrders[]>(
          (all, c) => [...all, apply(all[all.length - 1] as WorkingOrders, c)],
          [NO_WORKING_ORDERS],
        );
        const snapshots = states.map((w) => JSON.stringify(workingOrderRefs(w)));
        // Fold everything again from each state: the states themselves must not move.
        states.forEach((w) => changes.reduce(apply, w));
        expect(states.map((w) => JSON.stringify(workingOrderRefs(w)))).toEqual(snapshots);
      }),
    );
  });

  it('leave the value unchanged when an order not working is removed', () => {
    const one = withWorkingOrder(NO_WORKING_ORDERS, 'a', { symbol: 'BTC/USDT', reduceOnly: false });
    expect(withoutWorkingOrder(one, 'zz')).toBe(one);
  });

  it('move an order re-sent under its id on another symbol, counting it once', () => {
    const first = withWorkingOrder(NO_WORKING_ORDERS, 'a', {
      symbol: 'BTC/USDT',
      reduceOnly: false,
    });
    const moved = withWorkingOrder(first, 'a', { symbol: 'ETH/USDT', reduceOnly: true });
    expect(workingOn(moved, 'BTC/USDT')).toBe(0);
    expect(workingOn(moved, 'ETH/USDT')).toBe(1);
    expect(workingSymbols(moved)).toEqual(['ETH/USDT']);
  });
});
