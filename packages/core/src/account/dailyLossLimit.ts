import { own } from './accountRules';
import type { AccountState } from './accountState';
import type { Breach } from './killSwitch';
import { sessionPnl } from './positions';

/**
 * The session's P&L in plain floating point, and a bound on its error: on nearly every tick
 * the account is far from its limit, and the exact decimal sum is only needed near it.
 */
const roughSessionPnl = (
  state: AccountState,
  marks: Readonly<Record<string, number>>,
): { readonly pnl: number; readonly error: number } => {
  const session = state.session;
  let pnl = session === null ? 0 : session.realisedPnl - session.carriedUnrealisedPnl;
  let scale =
    session === null ? 0 : Math.abs(session.realisedPnl) + Math.abs(session.carriedUnrealisedPnl);
  for (const symbol in state.positions) {
    const p = own(state.positions, symbol);
    const mark = own(marks, symbol) ?? p?.mark ?? null;
    if (p === undefined || mark === null || p.averagePrice === null) continue;
    pnl += (mark - p.averagePrice) * p.quantity;
    scale += Math.abs(p.quantity) * (Math.abs(mark) + Math.abs(p.averagePrice));
  }
  return { pnl, error: 1e-9 * (1 + scale) };
};

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
  if (limit === undefined || state.session === null) return null;
  const rough = roughSessionPnl(state, marks);
  if (rough.pnl - rough.error > -limit) return null;
  const pnl = sessionPnl(state, marks);
  if (pnl === null || pnl > -limit) return null;
  return {
    reason: 'DAILY_LOSS_LIMIT',
    detail: `session ${state.session.session} P&L ${pnl} reached the daily loss limit of ${limit}`,
    symbol: null,
    value: pnl,
    limit,
  };
};
