import type { AccountEvent } from './accountEvent';
import type { AccountState } from './accountState';
import { evolveAccount } from './evolveAccount';

/** One part of a decision: the events it adds, given the state the earlier parts led to. */
export type Step = (state: AccountState) => readonly AccountEvent[];

/**
 * A decision made of parts, each seeing what the earlier ones decided: a tick that rolls the
 * session and then checks the loss limit checks it in the new session.
 */
export const inSteps = (state: AccountState, ...steps: readonly Step[]): AccountEvent[] => {
  let current = state;
  const events: AccountEvent[] = [];
  for (const step of steps) {
    for (const e of step(current)) {
      current = evolveAccount(current, e);
      events.push(e);
    }
  }
  return events;
};
