import * as t from 'io-ts';
import { closed } from '../codecs/closed';
import { Bool, PositiveNumber, rule } from '../codecs/rule';
import { symbolRecord } from './accountRules';
import { parseSessionStart } from './sessionStart';

const PositiveInteger = rule(
  'an integer > 0',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u > 0,
);

const SessionStartText = rule(
  '"HH:MM <time zone>", like "00:00 UTC", "09:30 America/New_York" or "08:00 +02:00"',
  (u): u is string => typeof u === 'string' && parseSessionStart(u) !== null,
);

const BandBps = rule(
  'basis points in (0, 10000) (50 = 0.5 %)',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0 && u < 10_000,
);

/** `{ "BTC/USDT": 2 }`: the largest position allowed, in base units, per symbol. */
export const PositionLimits = symbolRecord('PositionLimits', PositiveNumber, '{"BTC/USDT": 2}');

/**
 * The kill switch's limits, the plan's `account.risk` (CLI.md). Every limit is off when absent;
 * the flatten's settings have defaults (`RISK_DEFAULTS`).
 */
export const RiskConfig = closed(
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
export type RiskConfig = t.TypeOf<typeof RiskConfig>;

export const RISK_DEFAULTS = {
  sessionStart: '00:00 UTC',
  resetAtNextSession: false,
  flattenTimeoutMs: 30_000,
  limitPriceBandBps: 50,
} as const;

/** The window of `maxOrdersPerMinute`. */
export const RUNAWAY_WINDOW_MS = 60_000;
