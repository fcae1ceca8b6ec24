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
