import { left, right, type Either } from 'fp-ts/Either';
import { accountError, type AccountError } from './accountError';
import type { AccountEvent } from './accountEvent';
import type { SetTradingState } from './accountCommand';
import type { AccountState } from './accountState';
import { changeTradingState, haltCause } from './tradingState';
import { allowedKinds } from './tradingGate';

/**
 * An operator's choice between ACTIVE and REDUCING. A HALTED account is left only the way it
 * was entered: by resetting the kill switch or by a reconciliation that finds no difference.
 */
export const decideSetTradingState = (
  state: AccountState,
  cmd: SetTradingState,
): Either<AccountError, AccountEvent[]> => {
  const cause = haltCause(state);
  if (cause !== null) {
    return left(
      accountError(
        'TRADING_HALTED',
        state,
        `SetTradingState ${cmd.to}: account ${state.accountId} is HALTED because ${cause}; ` +
          'leave it with ResetKillSwitch (its `to` chooses the state) or a reconciliation that finds no difference',
        allowedKinds(state),
      ),
    );
  }
  return right(changeTradingState(state, cmd.ts, cmd.to, 'MANUAL', cmd.by));
};
