import fc from 'fast-check';
import { applyFill, FLAT, unrealized } from './position';

describe('a futures position and its fills', () => {
  it('averages the entry when adding, realizes when reducing, and flips a one-way position through zero', () => {
    const long = applyFill(applyFill(FLAT, 'BUY', 1, 100).position, 'BUY', 1, 110).position;
    expect(long).toEqual({ amount: 2, entryPrice: 105 });
    const reduced = applyFill(long, 'SELL', 1, 120);
    expect(reduced).toEqual({ position: { amount: 1, entryPrice: 105 }, realized: 15, closed: 1 });
    const flipped = applyFill(reduced.position, 'SELL', 3, 100);
    expect(flipped).toEqual({ position: { amount: -2, entryPrice: 100 }, realized: -5, closed: 1 });
    expect(applyFill(flipped.position, 'BUY', 2, 90)).toEqual({
      position: FLAT,
      realized: 20,
      closed: 2,
    });
  });

  it('realizes, on closing, exactly the unrealized profit at the closing price', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            buy: fc.boolean(),
            qty: fc.integer({ min: 1, max: 100 }),
            price: fc.integer({ min: 50, max: 150 }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        fc.integer({ min: 50, max: 150 }),
        (fills, exit) => {
          let p = FLAT;
          let realized = 0;
          let cash = 0; // what the trades cost or brought, in quote
          for (const f of fills) {
            const r = applyFill(p, f.buy ? 'BUY' : 'SELL', f.qty, f.price);
            p = r.position;
            realized += r.realized;
            cash += (f.buy ? -1 : 1) * f.qty * f.price;
          }
          // Marking the rest at `exit`: realized + unrealized is what the trades made.
          const made = cash + p.amount * exit;
          expect(realized + unrealized(p, exit)).toBeCloseTo(made, 6);
        },
      ),
    );
  });
});
