import Big from 'big.js';
import { decimalPlaces } from './tickGrid';

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

/**
 * The same results without big.js where integers hold them: a restart folds an entry fill's
 * lot, fee and take-profit split through these for every open order, and big.js's objects and
 * strings were a fifth of a restart's time. Each operand is read as the integer of its
 * shortest decimal at a common scale 10^k (0.0035 → 35 × 10⁻⁴), the work is done in integers
 * (exact below 2⁵³), and the integer result is divided by 10^k once, which IEEE division
 * rounds to the number nearest that decimal: what big.js's `toNumber` gives. Where an operand
 * has more than 15 decimals, an integer would pass 2⁵³ or the result is zero (big.js keeps a
 * sign on zero), big.js answers.
 */
const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

// `x × 10^k` in floating point is off its integer by up to |x × 10^k| × 2⁻⁵²: below 2⁵⁰ that
// is under a quarter, so rounding finds the integer.
const EXACT_OPERAND = 2 ** 50;

/** `x × 10^k` as an exact integer, or NaN when it may not be one. */
const scaled = (x: number, k: number): number => {
  const n = Math.round(x * (POWERS[k] as number));
  return Math.abs(n) <= EXACT_OPERAND ? n : NaN;
};

/** `x ± y` in integers at the scale of the operand with more decimals; NaN when that fails. */
const addExact = (a: number, b: number, sign: 1 | -1): number => {
  const da = decimalPlaces(a);
  const db = decimalPlaces(b);
  if (da < 0 || db < 0) return NaN;
  const k = Math.max(da, db);
  const n = scaled(a, k) + sign * scaled(b, k);
  return n !== 0 && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n / (POWERS[k] as number) : NaN;
};

export const add = (a: number, b: number): number => {
  const exact = addExact(a, b, 1);
  return exact === exact ? exact : big(a).plus(b).toNumber();
};
export const sub = (a: number, b: number): number => {
  const exact = addExact(a, b, -1);
  return exact === exact ? exact : big(a).minus(b).toNumber();
};
export const mul = (a: number, b: number): number => {
  const da = decimalPlaces(a);
  const db = decimalPlaces(b);
  if (da >= 0 && db >= 0 && da + db < POWERS.length) {
    const n = scaled(a, da) * scaled(b, db);
    if (n !== 0 && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return n / (POWERS[da + db] as number);
  }
  return big(a).times(b).toNumber();
};

export const sum = (values: readonly number[]): number =>
  values.reduce((acc, v) => acc.plus(v), big(0)).toNumber();

/**
 * `numerator / unit`, both integers at the scale 10^k, truncated towards zero, times `unit`,
 * over 10^k: a whole number of units, as big.js's `div`, `round(0, roundDown)`, `times` have it
 * (its 20-decimal division cannot reach the next integer when the divisor is below 10^16).
 */
const truncatedToUnit = (numerator: number, unit: number, k: number): number => {
  if (!(unit > 0) || Math.abs(numerator) > Number.MAX_SAFE_INTEGER) return NaN;
  const units = (numerator - (numerator % unit)) / unit;
  const n = units * unit;
  // Nothing left of a positive value is 0; of a negative one, big.js's -0: big.js answers it.
  if (n === 0) return numerator > 0 || Object.is(numerator, 0) ? 0 : NaN;
  return Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n / (POWERS[k] as number) : NaN;
};

/** Largest multiple of `step` that is ≤ `value`. */
export const floorToStep = (value: number, step: number): number => {
  const dv = decimalPlaces(value);
  const ds = decimalPlaces(step);
  if (dv >= 0 && ds >= 0) {
    const k = Math.max(dv, ds);
    const exact = truncatedToUnit(scaled(value, k), scaled(step, k), k);
    if (exact === exact) return exact;
  }
  return big(value).div(step).round(0, Big.roundDown).times(step).toNumber();
};

/** Smallest multiple of `tick` that is ≥ `value`. */
export const ceilToTick = (value: number, tick: number): number =>
  big(value).div(tick).round(0, Big.roundUp).times(tick).toNumber();

export const floorToTick = floorToStep;

export const isMultipleOf = (value: number, unit: number): boolean => big(value).mod(unit).eq(0);

/** `qty × pct / 100`, floored to the step. */
export const percentOfFloored = (qty: number, pct: number, step: number): number => {
  const dq = decimalPlaces(qty);
  const dp = decimalPlaces(pct);
  const ds = decimalPlaces(step);
  if (dq >= 0 && dp >= 0 && ds >= 0 && dq + dp + 2 <= 22) {
    // qty × pct / 100 is an integer at the scale 10^(dq + dp + 2); the step is brought to it.
    const k = dq + dp + 2;
    if (ds <= k) {
      const exact = truncatedToUnit(scaled(qty, dq) * scaled(pct, dp), scaled(step, k), k);
      if (exact === exact) return exact;
    }
  }
  return big(qty).times(pct).div(100).div(step).round(0, Big.roundDown).times(step).toNumber();
};

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
