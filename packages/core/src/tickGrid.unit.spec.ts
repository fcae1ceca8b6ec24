import Big from 'big.js';
import fc from 'fast-check';
import { decimalPlaces, timesRoundedToGrid } from './tickGrid';

/** The definition: decimal arithmetic all the way (big.js reads each number's shortest decimal). */
const exact = (value: number, factor: number, grid: number, up: boolean): number =>
  new Big(value)
    .times(factor)
    .div(grid)
    .round(0, up ? Big.roundUp : Big.roundDown)
    .times(grid)
    .toNumber();

const onGrid = (units: number, decimals: number): number => units / 10 ** decimals;

describe('rounding a product to the tick grid without big.js', () => {
  it('reads each number as its shortest decimal', () => {
    expect(decimalPlaces(2682.51)).toBe(2);
    expect(decimalPlaces(0.98)).toBe(2);
    expect(decimalPlaces(1.1)).toBe(1);
    expect(decimalPlaces(28155)).toBe(0);
    expect(decimalPlaces(0.00001234)).toBe(8);
    expect(decimalPlaces(Math.PI)).toBe(15);
    expect(decimalPlaces(1e-20)).toBe(-1);
  });

  it('the worked example: 110 × 0.98 is exactly 107.8, up for a long, and 112.2 down for a short', () => {
    expect(timesRoundedToGrid(110, 0.98, 0.01, true)).toBe(107.8);
    expect(timesRoundedToGrid(110, 1.02, 0.01, false)).toBe(112.2);
    expect(timesRoundedToGrid(100.02, 0.98, 0.01, true)).toBe(98.02);
    expect(timesRoundedToGrid(28155.1, 0.998, 0.1, true)).toBe(28098.8);
  });

  it('equals decimal arithmetic for prices on their grid, rates and tick sizes as venues have them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(1, 2, 5, 25),
        fc.integer({ min: 1, max: 2_000_000_000 }),
        fc.integer({ min: 1, max: 9_999 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        (tickDecimals, tickUnits, markUnits, rateUnits, rateDecimals, up) => {
          const grid = onGrid(tickUnits, tickDecimals);
          const mark = onGrid(markUnits * tickUnits, tickDecimals);
          const rate = onGrid(rateUnits % 10 ** rateDecimals || 1, rateDecimals);
          const factor = up ? new Big(1).minus(rate).toNumber() : new Big(1).plus(rate).toNumber();
          expect(timesRoundedToGrid(mark, factor, grid, up)).toBe(exact(mark, factor, grid, up));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('equals decimal arithmetic for any positive doubles, through big.js where integers would not hold', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-9, max: 1e9, noNaN: true }),
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        fc.constantFrom(0.01, 0.1, 0.5, 1, 0.00001, 0.25),
        fc.boolean(),
        (value, factor, grid, up) => {
          expect(timesRoundedToGrid(value, factor, grid, up)).toBe(exact(value, factor, grid, up));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
