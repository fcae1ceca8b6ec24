import { parseSessionStart, rule } from '@smart-orders/core';

export const PositiveInteger = rule(
  'an integer > 0',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u > 0,
);

export const True = rule('true', (u): u is true => u === true);

export const AccountId = rule(
  '1..64 characters of [A-Za-z0-9_-]',
  (u): u is string => typeof u === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(u),
);

// The account decider reads the text itself: the plan accepts exactly what it accepts.
export const SessionStartText = rule(
  '"HH:MM <time zone>", like "00:00 UTC", "09:30 America/New_York" or "08:00 +02:00"',
  (u): u is string => typeof u === 'string' && parseSessionStart(u) !== null,
);

export const BandBps = rule(
  'basis points in (0, 10000) (50 = 0.5 %)',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0 && u < 10_000,
);
