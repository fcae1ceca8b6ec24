import Big from 'big.js';

/**
 * `value × factor` rounded to a multiple of `grid` (up or down), exactly as decimal arithmetic
 * has it, without allocating: the trailing stop of every raise goes through here, and big.js
 * made a raise cost about 30 times a tick that moves nothing.
 *
 * Prices, rates and tick sizes are short decimals carried as numbers. Each is read as the
 * integer of its shortest decimal (2682.51 → 268251 × 10⁻²), the rounding is an integer
 * division with its remainder, and the result is that integer count of grids divided by a
 * power of ten once, which IEEE division rounds to the same number as reading the decimal
 * (107.8, not 107.80000000000001). Where an operand has more than 15 decimals or the product
 * would pass 2⁵³, big.js takes over.
 */

const POWERS = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** The fewest decimals `k` (0–15) with `x` the number nearest to an integer over 10^k; -1 if none. */
export const decimalPlaces = (x: number): number => {
  for (let k = 0; k < POWERS.length; k++) {
    const p = POWERS[k] as number;
    if (Math.round(x * p) / p === x) return k;
  }
  return -1;
};

const bigTimesRounded = (value: number, factor: number, grid: number, up: boolean): number =>
  new Big(value)
    .times(factor)
    .div(grid)
    .round(0, up ? Big.roundUp : Big.roundDown)
    .times(grid)
    .toNumber();

/** For positive operands, as trailing stops have them; anything else goes through big.js. */
export const timesRoundedToGrid = (
  value: number,
  factor: number,
  grid: number,
  up: boolean,
): number => {
  const a = decimalPlaces(value);
  const b = decimalPlaces(factor);
  const k = decimalPlaces(grid);
  if (a < 0 || b < 0 || k < 0 || !(value > 0 && factor > 0 && grid > 0))
    return bigTimesRounded(value, factor, grid, up);
  // value × factor / grid = (v · f · 10^k) / (g · 10^(a+b)), all integers.
  const v = Math.round(value * (POWERS[a] as number));
  const f = Math.round(factor * (POWERS[b] as number));
  const g = Math.round(grid * (POWERS[k] as number));
  const n = v * f * (POWERS[k] as number);
  const d = g * (POWERS[a + b] ?? Infinity);
  if (!(n <= Number.MAX_SAFE_INTEGER && d <= Number.MAX_SAFE_INTEGER))
    return bigTimesRounded(value, factor, grid, up);
  const remainder = n % d;
  const grids = (n - remainder) / d + (up && remainder > 0 ? 1 : 0);
  const units = grids * g;
  return units <= Number.MAX_SAFE_INTEGER
    ? units / (POWERS[k] as number)
    : bigTimesRounded(value, factor, grid, up);
};
