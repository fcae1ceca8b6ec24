/**
 * A number of a tick file, as a recorder writes one: decimal digits, an optional fraction and
 * an optional exponent. JavaScript's Number() would also read `0x10` as 16, `0b1`, `Infinity`
 * or ` ` as 0: in a price column each of those is a damaged file, not a price.
 */
const PLAIN = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The magnitudes a market quotes. The core rounds prices to 12 decimals, so a price below
 * 1e-8 would lose its digits (1e-300 became a fill at 0, and a stop above it was not refused);
 * a price above 1e12 or a quantity above 1e15 is a unit mistake, not a trade.
 */
export const PRICE_RANGE = { min: 1e-8, max: 1e12 } as const;
export const QUANTITY_RANGE = { min: 1e-12, max: 1e15 } as const;

const plain = (n: number): string =>
  n >= 1
    ? n.toLocaleString('en-US', { useGrouping: false })
    : n.toFixed(-Math.floor(Math.log10(n)));

/** Whether a cell's text is a plain number; a JSON number always is. */
export const plainProblem = (raw: unknown): string | null =>
  typeof raw === 'string' && !PLAIN.test(raw.trim())
    ? 'must be a plain decimal number like 2680.5'
    : null;

/** A price, a bid or an ask: a plain number within PRICE_RANGE. */
export const priceProblem = (n: number): string | null =>
  n >= PRICE_RANGE.min && n <= PRICE_RANGE.max
    ? null
    : `must be a price between ${plain(PRICE_RANGE.min)} and ${plain(PRICE_RANGE.max)}`;

/** A traded quantity: 0 (a quote without size), or within QUANTITY_RANGE. */
export const quantityProblem = (n: number): string | null =>
  n === 0 || (n >= QUANTITY_RANGE.min && n <= QUANTITY_RANGE.max)
    ? null
    : `must be 0 or a quantity between ${plain(QUANTITY_RANGE.min)} and ${plain(QUANTITY_RANGE.max)}`;
