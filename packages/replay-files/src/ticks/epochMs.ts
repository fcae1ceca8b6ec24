/**
 * Recorded feeds stamp time in epoch seconds (bitcoincharts), milliseconds (Binance),
 * microseconds (Tardis) or nanoseconds (hftbacktest), or as ISO 8601 text. The unit is told
 * apart by magnitude, which is unambiguous for any date between 1973 and 5138:
 * below 1e11 seconds, below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.
 * Sub-millisecond parts are floored: the core's timestamps are integer milliseconds.
 */
const SECONDS_BELOW = 1e11;
const MILLISECONDS_BELOW = 1e14;
const MICROSECONDS_BELOW = 1e17;

const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const DIGITS = /^\d+$/;

export type TimeUnit = 's' | 'ms' | 'us' | 'ns';

export const unitOf = (value: number): TimeUnit =>
  value < SECONDS_BELOW
    ? 's'
    : value < MILLISECONDS_BELOW
      ? 'ms'
      : value < MICROSECONDS_BELOW
        ? 'us'
        : 'ns';

const fromNumber = (value: number): number | null => {
  if (!Number.isFinite(value) || value < 0) return null;
  switch (unitOf(value)) {
    case 's':
      // Through whole microseconds first, so that 1315922016.123 s is 1315922016123 ms, not …122.
      return Math.floor(Math.round(value * 1e6) / 1e3);
    case 'ms':
      return Math.floor(value);
    case 'us':
      return Math.floor(value / 1e3);
    case 'ns':
      return Math.floor(value / 1e6);
  }
};

/** Integer text is cut, not divided: nanosecond stamps exceed the 2^53 of exact doubles. */
const fromDigits = (text: string): number => {
  const digits = text.startsWith('0') ? text.replace(/^0+(?=\d)/, '') : text;
  const n = digits.length;
  if (n <= 11) return Number(digits) * 1000;
  if (n <= 14) return Number(digits);
  if (n <= 17) return Number(digits.slice(0, n - 3));
  return Number(digits.slice(0, n - 6));
};

const fromIso = (text: string): number | null => {
  const match = ISO_8601.exec(text);
  if (match === null) return null;
  // A time without a zone is UTC (as exchanges record it), never the reader's local time.
  const hasTime = text.length > 10;
  const ms = Date.parse(hasTime && match[1] === undefined ? `${text}Z` : text);
  return Number.isNaN(ms) || ms < 0 ? null : ms;
};

/** Epoch milliseconds (an integer) of a recorded time, or null when it is not a time. */
export const epochMsOf = (raw: string | number): number | null => {
  if (typeof raw === 'number') return fromNumber(raw);
  const text = raw.trim();
  if (DIGITS.test(text)) return fromDigits(text);
  if (/^\d{4}-/.test(text)) return fromIso(text);
  return text === '' ? null : fromNumber(Number(text));
};
