import type { Decider } from '../decider';
import type { AccountCommand } from './accountCommand';
import type { AccountError } from './accountError';
import type { AccountEvent } from './accountEvent';
import type { AccountState } from './accountState';
import { decideAccount } from './decideAccount';
import { evolveAccount } from './evolveAccount';

/**
 * The account decider for one account stream, from the state `initialAccountState` built for
 * its id and risk config. It has the smart-order decider's shape, so the same engine, test
 * kit and stores run it.
 */
export const accountDecider = (
  initial: AccountState,
): Decider<AccountCommand, AccountState, AccountEvent, AccountError> => ({
  decide: decideAccount,
  evolve: evolveAccount,
  initialState: initial,
});
