import { decideInSteps, type Decision } from '../decideInSteps';
import type { AccountEvent } from './accountEvent';
import type { AccountState } from './accountState';
import { evolveAccount } from './evolveAccount';

/** A decision on the account's stream: its events, and the state after each (`decideInSteps`). */
export type AccountDecision = Decision<AccountState, AccountEvent>;

/**
 * The account decides in steps, each seeing what the earlier ones decided: a tick that rolls
 * the session and then checks the loss limit checks it in the new session.
 */
export const accountSteps = decideInSteps<AccountState, AccountEvent>((s, e) =>
  evolveAccount(s, e),
);
