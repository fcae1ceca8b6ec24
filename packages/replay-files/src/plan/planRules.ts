import { rule } from '@smart-orders/core';
import { parseSessionStart } from './sessionStart';

export const PositiveInteger = rule(
  'an integer > 0',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u > 0,
);

export const True = rule('true', (u): u is true => u === true);

export const AccountId = rule(
  '1..64 characters of [A-Za-z0-9_-]',
  (u): u is string => typeof u === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(u),
);

export const SessionStartText = rule(
  '"HH:MM <time zone>", like "00:00 UTC" or "09:30 America/New_York"',
  (u): u is string => typeof u === 'string' && parseSessionStart(u) !== null,
);
