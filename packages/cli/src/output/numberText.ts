import Big from 'big.js';

/**
 * Prices and quantities as a trader writes them: the shortest decimal that reads back as the
 * number (107.8, never 107.80000000000001, which the core's decimals never produce anyway),
 * and no exponent for small steps like 0.00000001.
 */
export const numberText = (n: number): string => {
  if (!Number.isFinite(n)) return String(n);
  const text = String(n);
  if (!text.includes('e')) return text;
  return n.toFixed(20).replace(/\.?0+$/, '');
};

/**
 * An average price (an entry ladder's, or an entry filled in parts): the quotient rarely
 * terminates, so it is printed to 8 decimals at most, the finest price grid venues use, half
 * away from zero, trailing zeros dropped (2682.503483333333 reads 2682.50348333).
 */
export const averageText = (n: number): string =>
  Number.isFinite(n)
    ? new Big(n).round(8, Big.roundHalfUp).toFixed().replace(/^-0$/, '0')
    : String(n);

/** A fixed number of decimals, for money columns that must line up. */
export const fixedText = (n: number, decimals: number): string => {
  const text = n.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
};

/**
 * Money as printed: the decimal the number stands for (4.165, not the binary 4.16499…) rounded
 * half away from zero to `decimals`. A total is the sum of these, so that it equals the sum of
 * its rows as printed.
 */
export const moneyOf = (n: number, decimals: number): Big =>
  new Big(n).round(decimals, Big.roundHalfUp);

export const moneyText = (m: Big, decimals: number): string => {
  const text = m.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
};

/** An unknown JSON value as short text: numbers as above, null as a dash. */
export const valueText = (u: unknown): string => {
  if (u === null || u === undefined) return '—';
  if (typeof u === 'number') return numberText(u);
  if (typeof u === 'string') return u;
  if (typeof u === 'boolean') return u ? 'yes' : 'no';
  const json = JSON.stringify(u);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
};

export const isoTime = (ts: number): string => new Date(ts).toISOString();
