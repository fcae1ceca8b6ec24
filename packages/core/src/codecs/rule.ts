import * as t from 'io-ts';
import { show } from './show';

/** A codec for one primitive rule whose failure reads `must be <rule>, got <value>`. */
export const rule = <A>(ruleText: string, is: (u: unknown) => u is A): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(
    ruleText,
    is,
    (u, c) => (is(u) ? t.success(u) : t.failure(u, c, `must be ${ruleText}, got ${show(u)}`)),
    t.identity,
  );

const isFiniteNumber = (u: unknown): u is number => typeof u === 'number' && Number.isFinite(u);

export const PositiveNumber = rule(
  'a finite number > 0',
  (u): u is number => isFiniteNumber(u) && u > 0,
);
export const NonNegativeNumber = rule(
  'a finite number >= 0',
  (u): u is number => isFiniteNumber(u) && u >= 0,
);
export const Timestamp = rule(
  'an epoch-millisecond integer >= 0',
  (u): u is number => isFiniteNumber(u) && Number.isInteger(u) && u >= 0,
);
export const Bool = rule('true or false', (u): u is boolean => typeof u === 'boolean');
export const NonEmptyString = rule(
  'a non-empty string of at most 200 characters',
  (u): u is string => typeof u === 'string' && u.length > 0 && u.length <= 200,
);

export const literals = <L extends string>(values: readonly L[]): t.Type<L, L, unknown> =>
  rule(values.map((v) => `"${v}"`).join(' or '), (u): u is L => values.includes(u as L));

export const OrderId = rule(
  '1..64 characters of [A-Za-z0-9_-]',
  (u): u is string => typeof u === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(u),
);

export const ExchangeId = rule(
  'an exchange id of lowercase letters and digits, like "binance" or "paper"',
  (u): u is string => typeof u === 'string' && /^[a-z][a-z0-9]{0,31}$/.test(u),
);

/** ccxt unified symbols: `BTC/USDT`, or `BTC/USDT:USDT` for a linear perpetual. */
export const MarketSymbol = rule(
  'a ccxt symbol like "BTC/USDT" or "BTC/USDT:USDT"',
  (u): u is string =>
    typeof u === 'string' &&
    /^[A-Za-z0-9.\-_]{1,20}\/[A-Za-z0-9.\-_]{1,20}(:[A-Za-z0-9.\-_]{1,20})?$/.test(u),
);
