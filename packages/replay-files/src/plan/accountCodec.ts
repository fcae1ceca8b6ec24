import type * as t from 'io-ts';
import { closed, RiskConfig } from '@smart-orders/core';
import { AccountId } from './planRules';

/**
 * The kill switch's limits are the core's own `RiskConfig` (SEMANTICS §7): the plan accepts
 * exactly what the account decider accepts, with the same messages. Each limit is off when
 * absent; the flatten's settings have the core's defaults (`RISK_DEFAULTS`).
 */
export const RiskLimits = RiskConfig;
export type RiskLimits = t.TypeOf<typeof RiskLimits>;

export const AccountSpec = closed('Account', {}, { id: AccountId, risk: RiskLimits });
export type AccountSpec = t.TypeOf<typeof AccountSpec>;
