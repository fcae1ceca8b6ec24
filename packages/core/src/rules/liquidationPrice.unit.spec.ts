import fc from 'fast-check';
import { estimatedLiquidationPrice } from './liquidationPrice';

describe('estimatedLiquidationPrice (isolated margin, linear perpetual)', () => {
  it("is Binance's formula for one isolated position: 10× from 100 at 0.4 % maintenance", () => {
    // Long: 100 × 0.9 ÷ 0.996; short: 100 × 1.1 ÷ 1.004.
    expect(estimatedLiquidationPrice('BUY', 100, 10, 0.004)).toBeCloseTo(90.3614457831, 9);
    expect(estimatedLiquidationPrice('SELL', 100, 10, 0.004)).toBeCloseTo(109.561752988, 9);
  });

  it('with no maintenance margin, the margin alone: 1/leverage from the entry', () => {
    expect(estimatedLiquidationPrice('BUY', 200, 4, 0)).toBe(150);
    expect(estimatedLiquidationPrice('SELL', 200, 4, 0)).toBe(250);
  });

  it('property: with a maintenance rate below the initial margin, a long is liquidated below its entry and a short above, nearer the higher the leverage', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 124 }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (entry, leverage, share) => {
          // A venue's brackets keep the maintenance rate below the initial margin 1/leverage of
          // the next leverage up: at or above it the position would be liquidated at its entry.
          const rate = (share * 1) / (leverage + 1);
          const long = estimatedLiquidationPrice('BUY', entry, leverage, rate);
          const short = estimatedLiquidationPrice('SELL', entry, leverage, rate);
          expect(long).toBeLessThan(entry);
          expect(short).toBeGreaterThan(entry);
          expect(estimatedLiquidationPrice('BUY', entry, leverage + 1, rate)).toBeGreaterThan(long);
          expect(estimatedLiquidationPrice('SELL', entry, leverage + 1, rate)).toBeLessThan(short);
        },
      ),
    );
  });
});
