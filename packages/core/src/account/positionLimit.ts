import { own } from './accountRules';
import type { AccountState, Position } from './accountState';
import type { Breach } from './killSwitch';

/**
 * `maxPosition[symbol]` is the largest position allowed, long or short: a fill that takes the
 * position beyond it trips. A fill that brings an oversized position down does not: it is the
 * way back under the limit.
 */
export const positionLimitBreach = (
  state: AccountState,
  symbol: string,
  before: Position | undefined,
): Breach | null => {
  const limit = own(state.risk.maxPosition ?? {}, symbol);
  const after = Math.abs(own(state.positions, symbol)?.quantity ?? 0);
  if (limit === undefined || after <= limit || after <= Math.abs(before?.quantity ?? 0))
    return null;
  return {
    reason: 'POSITION_LIMIT',
    detail: `position ${after} on ${symbol} exceeds the limit of ${limit}`,
    symbol,
    value: after,
    limit,
  };
};
