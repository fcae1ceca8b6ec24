import { DAY_MS, isoDate } from './civilDate';
import type { SessionStart } from './sessionStart';
import { offsetAt } from './timeZone';

/** One trading session: named by the local date it starts on, from `startsAt` to `endsAt`. */
export interface SessionWindow {
  readonly session: string;
  readonly startsAt: number;
  readonly endsAt: number;
}

// Every real offset lies within -12:00..+14:00, so the instant of a local time L lies in
// [L - 14 h, L + 12 h]; the offsets one hour beyond both ends bracket any change near L.
const BEFORE = 15 * 3_600_000;
const AFTER = 13 * 3_600_000;

/**
 * The instant a session of local day `day` starts. Around a change of offset the wall clock
 * skips or repeats an hour: the start is read with the offset in force before the change, so a
 * start inside a repeated hour is its first occurrence, and one inside a skipped hour comes as
 * much after the jump as it was into the gap (02:30 on a night that jumps 02:00 → 03:00 starts
 * at 03:30).
 */
const startOfDay = (start: SessionStart, day: number): number => {
  const local = day * DAY_MS + (start.hour * 60 + start.minute) * 60_000;
  const candidates = [offsetAt(start.zone, local - BEFORE), offsetAt(start.zone, local + AFTER)]
    .map((offset) => local - offset)
    .sort((a, b) => a - b);
  const first = candidates.find((ts) => ts + offsetAt(start.zone, ts) >= local);
  return first ?? (candidates[1] as number);
};

/** The session that the instant `ts` belongs to. */
export const sessionAt = (start: SessionStart, ts: number): SessionWindow => {
  const sinceStart = ts + offsetAt(start.zone, ts) - (start.hour * 60 + start.minute) * 60_000;
  let day = Math.floor(sinceStart / DAY_MS);
  while (startOfDay(start, day) > ts) day -= 1;
  while (startOfDay(start, day + 1) <= ts) day += 1;
  return {
    session: isoDate(day),
    startsAt: startOfDay(start, day),
    endsAt: startOfDay(start, day + 1),
  };
};
