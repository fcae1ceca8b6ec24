import { rule } from '@smart-orders/core';

export const PositiveInteger = rule(
  'an integer > 0',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u > 0,
);

export const True = rule('true', (u): u is true => u === true);

export const AccountId = rule(
  '1..64 characters of [A-Za-z0-9_-]',
  (u): u is string => typeof u === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(u),
);
