/** A price or quantity as the exchange would print it: no binary noise, no trailing zeros. */
export const num = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : String(Number(n.toPrecision(12)));

export const money = (n: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const utcTime = (ts: number): string =>
  new Date(ts)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');

export const clockTime = (ts: number): string => new Date(ts).toISOString().slice(11, 23);

export const STOP_KIND_WORDS = {
  STOP_LOSS: 'stop loss',
  BREAK_EVEN: 'break-even',
  TRAILING_STOP: 'trailing',
  LADDER: 'ladder',
  TIME_LIMIT: 'time limit',
} as const;
