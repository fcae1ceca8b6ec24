import fc from 'fast-check';
import { nextLegs, openLegs, type Leg } from './openLegs';

const BTC = 'BTC/USDT:USDT';
const ETH = 'ETH/USDT:USDT';

describe("the legs a flatten still has to close (a hedge-mode account's long and short apart)", () => {
  it('keeps a long and a short of one symbol apart: long 1 and short 1 is two legs, not flat', () => {
    expect(
      openLegs(
        [
          { symbol: BTC, quantity: 1 },
          { symbol: BTC, quantity: -1 },
        ],
        {},
      ),
    ).toEqual([
      { symbol: BTC, quantity: 1 },
      { symbol: BTC, quantity: -1 },
    ]);
  });

  it('is one leg per symbol on a one-way account, and drops a leg smaller than one step', () => {
    expect(
      openLegs(
        [
          { symbol: ETH, quantity: -0.00005 },
          { symbol: BTC, quantity: 0.5 },
        ],
        { [ETH]: 0.0001 },
      ),
    ).toEqual([{ symbol: BTC, quantity: 0.5 }]);
  });

  it('closes one leg per symbol at a time, the long first', () => {
    expect(
      nextLegs([
        { symbol: BTC, quantity: 1 },
        { symbol: BTC, quantity: -2 },
        { symbol: ETH, quantity: -3 },
      ]),
    ).toEqual([
      { symbol: BTC, quantity: 1 },
      { symbol: ETH, quantity: -3 },
    ]);
  });

  it('is empty exactly when every side of every symbol is below one step, and never nets a long against a short (property)', () => {
    const leg: fc.Arbitrary<Leg> = fc.record({
      symbol: fc.constantFrom(BTC, ETH),
      quantity: fc.integer({ min: -300, max: 300 }).map((n) => n / 100),
    });
    fc.assert(
      fc.property(fc.array(leg, { maxLength: 6 }), (positions) => {
        const steps = { [BTC]: 0.01, [ETH]: 0.01 };
        const legs = openLegs(positions, steps);
        for (const symbol of [BTC, ETH]) {
          const cents = (sign: number) =>
            positions
              .filter((p) => p.symbol === symbol && Math.sign(p.quantity) === sign)
              .reduce((n, p) => n + Math.round(p.quantity * 100), 0);
          const open = legs.filter((l) => l.symbol === symbol);
          // Each side is its own leg, of exactly what that side holds: none when both are
          // below one step (quantities here are whole steps), so flat means every side closed.
          expect(open.map((l) => Math.round(l.quantity * 100))).toEqual(
            [cents(1), cents(-1)].filter((c) => c !== 0),
          );
        }
        // One exit per symbol at a time.
        const next = nextLegs(legs);
        expect(new Set(next.map((l) => l.symbol)).size).toBe(next.length);
      }),
    );
  });
});
