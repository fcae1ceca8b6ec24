import { accountEvent, type AccountEvent } from './accountEvent';
import type { AccountState, TradingState } from './accountState';

type ChangeReason =
  | 'KILL_SWITCH_TRIPPED'
  | 'KILL_SWITCH_RESET'
  | 'RECONCILIATION_DIVERGED'
  | 'RECONCILIATION_COMPLETED'
  | 'MANUAL';

/** Why the account is halted, for messages; null when nothing halts it. */
export const haltCause = (state: AccountState): string | null => {
  if (state.killSwitch !== null) {
    return `the kill switch tripped (${state.killSwitch.reason}: ${state.killSwitch.detail})`;
  }
  if (state.diverged) return 'the exchange diverged from the event log at reconciliation';
  return null;
};

/** The state the account trades in once nothing halts it: the operator's mode. */
export const tradingStateOf = (state: AccountState): TradingState =>
  haltCause(state) === null ? state.mode : 'HALTED';

/** `TradingStateChanged` when `to` differs from the current state; nothing otherwise. */
export const changeTradingState = (
  state: AccountState,
  ts: number,
  to: TradingState,
  reason: ChangeReason,
  by?: string,
): AccountEvent[] =>
  state.tradingState === to
    ? []
    : [
        accountEvent('TradingStateChanged', ts, {
          from: state.tradingState,
          to,
          reason,
          ...(by === undefined ? {} : { by }),
        }),
      ];

/** After a reset or a reconciliation: back to the operator's mode, unless something still halts. */
export const resume = (state: AccountState, ts: number, reason: ChangeReason): AccountEvent[] =>
  changeTradingState(state, ts, tradingStateOf(state), reason);
