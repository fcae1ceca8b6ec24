import { daysFromCivil, DAY_MS } from './civilDate';

/**
 * The zone a session start is read in: a fixed offset (`UTC`, `+02:00`) or an IANA zone
 * (`Europe/London`).
 *
 * IANA zones are read through `Intl.DateTimeFormat`, which is ECMAScript itself (ECMA-402), not
 * the Node standard library: it carries the IANA database of the runtime, so no tz library is
 * needed. It reads no clock and does no I/O. What it does bring is a dependency on the
 * runtime's tz data version; that is why a session's boundaries are decided once and recorded
 * in `SessionRolled`, so that folding a stream never consults the zone again.
 */
export type TimeZone =
  | { readonly kind: 'FIXED'; readonly name: string; readonly offsetMs: number }
  | { readonly kind: 'IANA'; readonly name: string };

const OFFSET = /^([+-])(0\d|1[0-4]):([0-5]\d)$/;

// Building a formatter costs about a hundred times as much as using one. The cache holds
// immutable formatters of real zones only (a few hundred at most), so it changes no result.
const formats = new Map<string, Intl.DateTimeFormat>();

const ianaFormat = (name: string): Intl.DateTimeFormat | null => {
  const known = formats.get(name);
  if (known !== undefined) return known;
  const format = buildFormat(name);
  if (format !== null) formats.set(name, format);
  return format;
};

const buildFormat = (name: string): Intl.DateTimeFormat | null => {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
};

/** `UTC`, `+05:30`, `-04:00` (at most ±14:00), or an IANA zone the runtime knows; null otherwise. */
export const parseTimeZone = (text: string): TimeZone | null => {
  if (text === 'UTC') return { kind: 'FIXED', name: 'UTC', offsetMs: 0 };
  const m = OFFSET.exec(text);
  if (m !== null) {
    const minutes = Number(m[2]) * 60 + Number(m[3]);
    if (minutes > 14 * 60) return null;
    return { kind: 'FIXED', name: text, offsetMs: (m[1] === '-' ? -1 : 1) * minutes * 60_000 };
  }
  return /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(text) && ianaFormat(text) !== null
    ? { kind: 'IANA', name: text }
    : null;
};

/** Local wall-clock time minus UTC at the instant `ts`, in ms. */
export const offsetAt = (zone: TimeZone, ts: number): number => {
  if (zone.kind === 'FIXED') return zone.offsetMs;
  const format = ianaFormat(zone.name);
  if (format === null) return 0;
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(ts)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall =
    daysFromCivil(parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1) * DAY_MS +
    (parts.hour ?? 0) * 3_600_000 +
    (parts.minute ?? 0) * 60_000 +
    (parts.second ?? 0) * 1000;
  return wall - (ts - (((ts % 1000) + 1000) % 1000));
};
