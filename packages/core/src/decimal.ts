import Big from 'big.js';

/**
 * Exact decimal arithmetic for the few places where binary floating point would change a
 * decision: rounding to tick and step, trailing stops, quantities and P&L.
 *
 * Prices and quantities travel as JS numbers (JSON numbers in events). `new Big(n)` reads a
 * number through its shortest round-trip decimal string, so 107.8 stays 107.8 and
 * 110 × 0.98 is 107.8, not 107.80000000000001. Comparisons on the hot path stay plain number
 * comparisons: both sides are already decimals rounded to the grid.
 */

const big = (n: number): Big => new Big(n);

export const add = (a: number, b: number): number => big(a).plus(b).toNumber();
export const sub = (a: number, b: number): number => big(a).minus(b).toNumber();
export const mul = (a: number, b: number): number => big(a).times(b).toNumber();

export const sum = (values: readonly number[]): number =>
  values.reduce((acc, v) => acc.plus(v), big(0)).toNumber();

/** Largest multiple of `step` that is ≤ `value`. */
export const floorToStep = (value: number, step: number): number =>
  big(value).div(step).round(0, Big.roundDown).times(step).toNumber();

/** Smallest multiple of `tick` that is ≥ `value`. */
export const ceilToTick = (value: number, tick: number): number =>
  big(value).div(tick).round(0, Big.roundUp).times(tick).toNumber();

export const floorToTick = floorToStep;

export const isMultipleOf = (value: number, unit: number): boolean => big(value).mod(unit).eq(0);

/** `qty × pct / 100`, floored to the step. */
export const percentOfFloored = (qty: number, pct: number, step: number): number =>
  big(qty).times(pct).div(100).div(step).round(0, Big.roundDown).times(step).toNumber();

/** Volume-weighted average of fills: Σ(price × qty) / Σ qty, exact to 12 decimals. */
export const weightedAverage = (
  fills: readonly { readonly price: number; readonly quantity: number }[],
): number => {
  const total = fills.reduce((acc, f) => acc.plus(f.quantity), big(0));
  if (total.eq(0)) return 0;
  const notional = fills.reduce((acc, f) => acc.plus(big(f.price).times(f.quantity)), big(0));
  return notional.div(total).round(12).toNumber();
};

/** Realised P&L of an exit lot: (exit − entry) × qty for a long, the mirror for a short. */
/**
 * The P&L of one exit, kept to 8 decimals as quote currencies are: against an average entry
 * that does not terminate (an entry ladder's), the product carries binary noise past 16 digits,
 * and a net computed from it lost a digit, so fees + net missed gross.
 */
export const exitPnl = (long: boolean, entry: number, exit: number, qty: number): number => {
  const diff = long ? big(exit).minus(entry) : big(entry).minus(exit);
  return diff.times(qty).round(8).toNumber();
};
