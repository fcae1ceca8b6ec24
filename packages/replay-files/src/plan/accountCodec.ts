import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import { Bool, closed, MarketSymbol, PositiveNumber } from '@smart-orders/core';
import { AccountId, BandBps, PositiveInteger, SessionStartText } from './planRules';

/** `{ "BTC/USDT": 2 }`: the largest position, in base units, per symbol. */
export const PositionLimits = new t.Type<
  Readonly<Record<string, number>>,
  Readonly<Record<string, number>>,
  unknown
>(
  'PositionLimits',
  (u): u is Record<string, number> =>
    typeof u === 'object' &&
    u !== null &&
    !Array.isArray(u) &&
    Object.entries(u).every(([k, v]) => MarketSymbol.is(k) && PositiveNumber.is(v)),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) {
      return t.failure(
        u,
        c,
        'must be an object of ccxt symbol → largest position, like {"BTC/USDT": 2}',
      );
    }
    const errors: t.ValidationError[] = [];
    for (const [symbol, limit] of Object.entries(u)) {
      const at = t.appendContext(c, symbol, PositiveNumber, limit);
      if (!MarketSymbol.is(symbol))
        errors.push({
          value: symbol,
          context: at,
          message: `must be keyed by a ccxt symbol like "BTC/USDT", got ${JSON.stringify(symbol)}`,
        });
      const checked = PositiveNumber.validate(limit, at);
      if (isLeft(checked)) errors.push(...checked.left);
    }
    return errors.length > 0 ? t.failures(errors) : t.success(u as Record<string, number>);
  },
  t.identity,
);

/**
 * The kill switch's limits (SEMANTICS §7), the core's `RiskConfig`: each limit is off when
 * absent; the flatten's settings have the core's defaults (`RISK_DEFAULTS`).
 */
export const RiskLimits = closed(
  'Risk',
  {},
  {
    dailyLossLimit: PositiveNumber,
    sessionStart: SessionStartText,
    resetAtNextSession: Bool,
    maxOrdersPerMinute: PositiveInteger,
    maxWorkingOrdersPerSymbol: PositiveInteger,
    maxPosition: PositionLimits,
    flattenTimeoutMs: PositiveInteger,
    limitPriceBandBps: BandBps,
  },
);
export type RiskLimits = t.TypeOf<typeof RiskLimits>;

export const AccountSpec = closed('Account', {}, { id: AccountId, risk: RiskLimits });
export type AccountSpec = t.TypeOf<typeof AccountSpec>;
