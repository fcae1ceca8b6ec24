import type { AccountState } from './accountState';
import type { Breach } from './killSwitch';
import { sessionPnl } from './positions';

/**
 * The daily loss limit is reached when the session's P&L (realised, plus unrealised at the
 * marks, less what the carried positions had at the session's start) is at or below
 * −`dailyLossLimit`: a limit of 500 allows losing up to 500, and trips on reaching it.
 */
export const dailyLossBreach = (
  state: AccountState,
  marks: Readonly<Record<string, number>>,
): Breach | null => {
  const limit = state.risk.dailyLossLimit;
  const pnl = sessionPnl(state, marks);
  if (limit === undefined || pnl === null || pnl > -limit) return null;
  return {
    reason: 'DAILY_LOSS_LIMIT',
    detail: `session ${state.session?.session ?? '?'} P&L ${pnl} reached the daily loss limit of ${limit}`,
    symbol: null,
    value: pnl,
    limit,
  };
};
