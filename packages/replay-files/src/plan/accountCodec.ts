import type * as t from 'io-ts';
import { closed, RiskConfig } from '@smart-orders/core';
import { AccountId, PositiveInteger } from './planRules';

/**
 * The kill switch's limits are the core's own `RiskConfig` (SEMANTICS §7): the plan accepts
 * exactly what the account decider accepts, with the same messages. Each limit is off when
 * absent; the flatten's settings have the core's defaults (`RISK_DEFAULTS`).
 */
export const RiskLimits = RiskConfig;
export type RiskLimits = t.TypeOf<typeof RiskLimits>;

/**
 * `staleAfterMs`: live, a symbol with open orders and no tick for this long has stale market
 * data (SEMANTICS §7 v2; default 10000); replays on paper ignore it. `flattenAfterStaleMs`:
 * live, a stale symbol silent this long has its position flattened, that symbol alone; off
 * when absent, and greater than `staleAfterMs` when given (the core's `staleFlattenLimitError`,
 * checked by `decodePlan` once both are known).
 */
export const AccountSpec = closed(
  'Account',
  {},
  {
    id: AccountId,
    risk: RiskLimits,
    staleAfterMs: PositiveInteger,
    flattenAfterStaleMs: PositiveInteger,
  },
);
export type AccountSpec = t.TypeOf<typeof AccountSpec>;
