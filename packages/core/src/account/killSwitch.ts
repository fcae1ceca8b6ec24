import { left, right, type Either } from 'fp-ts/Either';
import { accountError, type AccountError } from './accountError';
import { accountEvent, type TripReason } from './accountEvent';
import type { ResetKillSwitch, TripKillSwitch } from './accountCommand';
import type { AccountState } from './accountState';
import { accountSteps, type AccountDecision } from './accountDecision';
import { openPositions } from './positions';
import { changeTradingState, resume } from './tradingState';
import { allowedKinds } from './tradingGate';
import { workingOrderRefs } from './workingOrders';

/** A limit found broken: what, where, the value measured and the limit it broke. */
export interface Breach {
  readonly reason: TripReason;
  readonly detail: string;
  readonly symbol: string | null;
  readonly value: number | null;
  readonly limit: number | null;
}

/**
 * The kill switch trips: `KillSwitchTripped`, `TradingStateChanged` to HALTED (unless a
 * divergence halted the account already), `FlattenRequested` with the positions and working
 * orders the log believes in. The engine then cancels every working order and polls the
 * exchange (`FlattenProgress`), whose answer decides the exits. A switch already tripped
 * records nothing: a second breach changes nothing.
 */
export const trip = (
  state: AccountState,
  ts: number,
  breach: Breach | null,
  marks: Readonly<Record<string, number>>,
): AccountDecision => {
  if (breach === null || state.killSwitch !== null) return accountSteps.start(state);
  return accountSteps.steps(
    state,
    () => [accountEvent('KillSwitchTripped', ts, { ...breach, marks: { ...marks } })],
    (s) => changeTradingState(s, ts, 'HALTED', 'KILL_SWITCH_TRIPPED'),
    (s) => [
      accountEvent('FlattenRequested', ts, {
        reason: breach.reason,
        flatten: s.flattens + 1,
        positions: openPositions(s),
        workingOrders: workingOrderRefs(s.workingOrders),
      }),
    ],
  );
};

export const decideTrip = (state: AccountState, cmd: TripKillSwitch): AccountDecision =>
  trip(
    state,
    cmd.ts,
    { reason: cmd.reason, detail: cmd.detail, symbol: null, value: null, limit: null },
    {},
  );

/** `KillSwitchReset`, and the account trades again in `to` unless a divergence still halts it. */
export const reset = (
  state: AccountState,
  ts: number,
  by: string,
  to: 'ACTIVE' | 'REDUCING',
): AccountDecision => {
  if (state.killSwitch === null) return accountSteps.start(state);
  const { reason, trippedAt } = state.killSwitch;
  return accountSteps.steps(
    state,
    () => [accountEvent('KillSwitchReset', ts, { by, reason, trippedAt, to })],
    (s) => resume(s, ts, 'KILL_SWITCH_RESET'),
  );
};

export const decideReset = (
  state: AccountState,
  cmd: ResetKillSwitch,
): Either<AccountError, AccountDecision> => {
  if (state.killSwitch === null) {
    return left(
      accountError(
        'KILL_SWITCH_NOT_TRIPPED',
        state,
        `ResetKillSwitch: the kill switch of account ${state.accountId} is not tripped; nothing to reset`,
        allowedKinds(state),
      ),
    );
  }
  const flatten = state.flatten;
  if (flatten !== null && cmd.abandonFlatten !== true) {
    return left(
      accountError(
        'FLATTEN_IN_PROGRESS',
        state,
        `ResetKillSwitch: flatten ${flatten.seq} of account ${state.accountId} is not confirmed yet; ` +
          'wait for FlattenConfirmed, or reset with abandonFlatten: true to take the positions over by hand',
        allowedKinds(state),
      ),
    );
  }
  return right(
    accountSteps.steps(
      state,
      (s) =>
        flatten === null
          ? []
          : [accountEvent('FlattenAbandoned', cmd.ts, { by: cmd.by, positions: openPositions(s) })],
      (s) => reset(s, cmd.ts, cmd.by, cmd.to ?? s.mode),
    ),
  );
};
