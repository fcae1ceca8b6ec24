import { accountEvent } from './accountEvent';
import type { AccountState } from './accountState';
import { reset } from './killSwitch';
import { sessionPnl, totalUnrealisedPnl } from './positions';
import { sessionAt } from './session';
import { accountSteps, type AccountDecision } from './accountDecision';

/**
 * Sessions exist for the daily loss limit only: without one, nothing rolls. The first tick or
 * fill opens the session it falls in; the first one at or after its end opens the next,
 * carrying the open positions' unrealised P&L as the new session's baseline.
 *
 * With `resetAtNextSession`, a kill switch tripped by the daily loss limit resets when the
 * next session opens, provided its flatten was confirmed (a flatten still going is an
 * emergency that no clock ends). Trips for other reasons (runaway orders, position limit,
 * manual, heartbeat lost) wait for a person: the next session does not fix their cause.
 */
export const rollSession = (
  state: AccountState,
  ts: number,
  marks: Readonly<Record<string, number>>,
): AccountDecision => {
  if (state.risk.dailyLossLimit === undefined) return accountSteps.start(state);
  const current = state.session;
  if (current !== null && ts < current.endsAt) return accountSteps.start(state);
  const window = sessionAt(state.sessionStart, ts);
  return accountSteps.steps(
    state,
    () => [
      accountEvent('SessionRolled', ts, {
        ...window,
        previous: current?.session ?? null,
        previousSessionPnl: sessionPnl(state, marks),
        carriedUnrealisedPnl: totalUnrealisedPnl(state, marks),
      }),
    ],
    (s) =>
      s.risk.resetAtNextSession === true &&
      s.killSwitch?.reason === 'DAILY_LOSS_LIMIT' &&
      s.flatten === null
        ? reset(s, ts, 'SESSION_ROLLOVER', s.mode)
        : [],
  );
};
