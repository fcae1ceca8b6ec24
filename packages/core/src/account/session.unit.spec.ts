import fc from 'fast-check';
import { civilFromDays, DAY_MS, daysFromCivil, isoDate } from './civilDate';
import { sessionAt } from './session';
import { parseSessionStart, type SessionStart } from './sessionStart';

const start = (text: string): SessionStart => {
  const parsed = parseSessionStart(text);
  if (parsed === null) throw new Error(`unreadable ${text}`);
  return parsed;
};
const utc = (y: number, mo: number, d: number, h = 0, mi = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi);

describe('parseSessionStart', () => {
  it.each([
    ['00:00 UTC', 0, 0, 'FIXED'],
    ['08:00 +02:00', 8, 0, 'FIXED'],
    ['17:00 -05:00', 17, 0, 'FIXED'],
    ['09:30 America/New_York', 9, 30, 'IANA'],
    ['08:00 Europe/London', 8, 0, 'IANA'],
  ])('reads %j', (text, hour, minute, kind) => {
    expect(parseSessionStart(text)).toMatchObject({ hour, minute, zone: { kind } });
  });

  it.each([
    '24:00 UTC',
    '9:30 UTC',
    '09:60 UTC',
    '00:00',
    '00:00 Mars/Olympus',
    '00:00 +15:00',
    'midnight',
  ])('refuses %j', (text) => {
    expect(parseSessionStart(text)).toBeNull();
  });
});

describe('sessionAt', () => {
  it('names a UTC session by its day and bounds it at midnight, start included, end excluded', () => {
    const s = start('00:00 UTC');
    const day = { session: '2024-01-02', startsAt: utc(2024, 1, 2), endsAt: utc(2024, 1, 3) };
    expect(sessionAt(s, utc(2024, 1, 2))).toEqual(day);
    expect(sessionAt(s, utc(2024, 1, 3) - 1)).toEqual(day);
    expect(sessionAt(s, utc(2024, 1, 3)).session).toBe('2024-01-03');
    expect(sessionAt(s, utc(2024, 1, 2) - 1).session).toBe('2024-01-01');
  });

  it('reads a fixed offset: 08:00 +02:00 is 06:00 UTC', () => {
    expect(sessionAt(start('08:00 +02:00'), utc(2024, 1, 2, 6, 0))).toEqual({
      session: '2024-01-02',
      startsAt: utc(2024, 1, 2, 6),
      endsAt: utc(2024, 1, 3, 6),
    });
    expect(sessionAt(start('08:00 +02:00'), utc(2024, 1, 2, 5, 59)).session).toBe('2024-01-01');
  });

  it('names a session by the local day it starts on: 17:00 -05:00 starts at 22:00 UTC', () => {
    expect(sessionAt(start('17:00 -05:00'), utc(2024, 1, 2, 23))).toEqual({
      session: '2024-01-02',
      startsAt: utc(2024, 1, 2, 22),
      endsAt: utc(2024, 1, 3, 22),
    });
  });

  it('follows daylight saving time in an IANA zone: 09:30 New York is 14:30 UTC in winter, 13:30 in summer', () => {
    const ny = start('09:30 America/New_York');
    expect(sessionAt(ny, utc(2024, 1, 2, 15)).startsAt).toBe(utc(2024, 1, 2, 14, 30));
    expect(sessionAt(ny, utc(2024, 7, 1, 15)).startsAt).toBe(utc(2024, 7, 1, 13, 30));
    // 2024-03-10 is 23 hours long in New York: the session before it ends at 13:30 UTC.
    expect(sessionAt(ny, utc(2024, 3, 9, 15)).endsAt).toBe(utc(2024, 3, 10, 13, 30));
  });

  it('starts a session inside a skipped hour as far after the jump as it was into the gap', () => {
    // London, 2024-03-31: 01:00 GMT jumps to 02:00 BST; 01:30 does not exist that night.
    const s = start('01:30 Europe/London');
    expect(sessionAt(s, utc(2024, 3, 31, 3))).toEqual({
      session: '2024-03-31',
      startsAt: utc(2024, 3, 31, 1, 30),
      endsAt: utc(2024, 4, 1, 0, 30),
    });
    expect(sessionAt(s, utc(2024, 3, 31, 1, 29)).session).toBe('2024-03-30');
  });

  it('starts a session inside a repeated hour at its first occurrence', () => {
    // London, 2024-10-27: 02:00 BST goes back to 01:00 GMT; 01:30 happens twice.
    const s = start('01:30 Europe/London');
    const day = sessionAt(s, utc(2024, 10, 27, 0, 30));
    expect(day).toEqual({
      session: '2024-10-27',
      startsAt: utc(2024, 10, 27, 0, 30),
      endsAt: utc(2024, 10, 28, 1, 30),
    });
    // The second 01:00–01:30 (01:00–01:30 UTC) is still in the session that began at the first 01:30.
    expect(sessionAt(s, utc(2024, 10, 27, 1, 10)).session).toBe('2024-10-27');
  });

  it('puts every instant in exactly one session, and sessions follow each other without a gap', () => {
    const zones = [
      '00:00 UTC',
      '08:00 +02:00',
      '09:30 America/New_York',
      '01:30 Europe/London',
      '23:45 Asia/Kathmandu',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: utc(2000, 1, 1), max: utc(2040, 1, 1) }),
        (text, ts) => {
          const s = start(text);
          const w = sessionAt(s, ts);
          expect(w.startsAt).toBeLessThanOrEqual(ts);
          expect(ts).toBeLessThan(w.endsAt);
          expect(w.endsAt - w.startsAt).toBeGreaterThanOrEqual(DAY_MS - 2 * 3_600_000);
          expect(sessionAt(s, w.endsAt).startsAt).toBe(w.endsAt);
          expect(sessionAt(s, w.endsAt).session > w.session).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('civil dates', () => {
  it('agree with the calendar for every day of four centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -146_097, max: 146_097 }), (days) => {
        const d = new Date(days * DAY_MS);
        expect(civilFromDays(days)).toEqual({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
        });
        const { year, month, day } = civilFromDays(days);
        expect(daysFromCivil(year, month, day)).toBe(days);
      }),
    );
    expect(isoDate(daysFromCivil(2024, 2, 29))).toBe('2024-02-29');
  });
});
