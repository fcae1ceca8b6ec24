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

/** A fixed number of decimals, for money columns that must line up. */
export const fixedText = (n: number, decimals: number): string => {
  const text = n.toFixed(decimals);
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
