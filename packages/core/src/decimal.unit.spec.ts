import Big from 'big.js';
import fc from 'fast-check';
import {
  add,
  ceilToTick,
  exitPnl,
  floorToStep,
  isMultipleOf,
  mul,
  percentOfFloored,
  sub,
  sum,
  weightedAverage,
} from './decimal';

describe('exact decimal arithmetic', () => {
  it('computes what binary floating point gets wrong', () => {
    expect(mul(110, 0.98)).toBe(107.8);
    expect(mul(13, 0.9)).toBe(11.7);
    expect(13 * 0.9).toBe(11.700000000000001);
    expect(add(0.1, 0.2)).toBe(0.3);
    expect(sub(0.3, 0.1)).toBe(0.2);
    expect(sum([0.1, 0.2, 0.3])).toBe(0.6);
  });

  it('rounds to the grid: quantities down to the step, prices either way to the tick', () => {
    expect(floorToStep(0.028, 0.01)).toBe(0.02);
    expect(floorToStep(1.23456789, 0.00000001)).toBe(1.23456789);
    expect(ceilToTick(98.1931, 0.01)).toBe(98.2);
    expect(ceilToTick(98.2, 0.01)).toBe(98.2);
    expect(percentOfFloored(0.07, 35, 0.01)).toBe(0.02);
    expect(isMultipleOf(105.05, 0.05)).toBe(true);
    expect(isMultipleOf(105.01, 0.05)).toBe(false);
  });

  it('averages fills by volume, exact to 12 decimals', () => {
    expect(
      weightedAverage([
        { price: 100, quantity: 0.5 },
        { price: 100.01, quantity: 0.5 },
      ]),
    ).toBe(100.005);
    expect(
      weightedAverage([
        { price: 1, quantity: 1 },
        { price: 2, quantity: 2 },
      ]),
    ).toBe(1.666666666667);
    expect(weightedAverage([])).toBe(0);
  });

  it('books P&L for a long and its mirror for a short', () => {
    expect(exitPnl(true, 100, 105, 0.4)).toBe(2);
    expect(exitPnl(false, 100, 105, 0.4)).toBe(-2);
    expect(exitPnl(true, 100.1, 100.3, 3)).toBe(0.6);
  });
});

describe('the integer path equals big.js, number for number', () => {
  // What each function meant when it was big.js alone: the integer path must give the same
  // number (Object.is: -0 included) wherever it answers, and hand over where it cannot.
  const big = {
    add: (a: number, b: number) => new Big(a).plus(b).toNumber(),
    sub: (a: number, b: number) => new Big(a).minus(b).toNumber(),
    mul: (a: number, b: number) => new Big(a).times(b).toNumber(),
    floorToStep: (v: number, s: number) =>
      new Big(v).div(s).round(0, Big.roundDown).times(s).toNumber(),
    percentOfFloored: (q: number, p: number, s: number) =>
      new Big(q).times(p).div(100).div(s).round(0, Big.roundDown).times(s).toNumber(),
  };
  // Short decimals as prices, quantities and fees are, and any double, zeros and -0 included.
  const decimal = fc.oneof(
    fc
      .tuple(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), fc.integer({ min: 0, max: 17 }))
      .map(([m, k]) => m / 10 ** k),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
    fc.constantFrom(0, -0, 0.1, 0.2, 0.3, 2682.51, 0.0035, 1e-9),
  );
  const step = fc.constantFrom(1e-8, 0.00001, 0.0001, 0.001, 0.01, 0.1, 0.25, 0.5, 1, 5, 10);

  it('add, sub and mul', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(add(a, b)).toBe(big.add(a, b));
        expect(sub(a, b)).toBe(big.sub(a, b));
        expect(mul(a, b)).toBe(big.mul(a, b));
      }),
      { numRuns: 5_000 },
    );
  });

  it('floorToStep and percentOfFloored', () => {
    fc.assert(
      fc.property(decimal, step, fc.integer({ min: 0, max: 100 }), (v, s, pct) => {
        expect(floorToStep(v, s)).toBe(big.floorToStep(v, s));
        const q = Math.abs(v);
        expect(percentOfFloored(q, pct, s)).toBe(big.percentOfFloored(q, pct, s));
      }),
      { numRuns: 5_000 },
    );
  });

  it('near the limits of exact integers', () => {
    expect(sub(8446770.697, 0.000233159)).toBe(big.sub(8446770.697, 0.000233159));
    expect(add(543045905.18, 648.4589787)).toBe(big.add(543045905.18, 648.4589787));
    expect(mul(-8.8e-11, 4.519e-12)).toBe(big.mul(-8.8e-11, 4.519e-12));
    expect(sub(0.1, 0.1)).toBe(big.sub(0.1, 0.1));
    expect(floorToStep(-0.00005, 0.0001)).toBe(big.floorToStep(-0.00005, 0.0001));
  });
});
