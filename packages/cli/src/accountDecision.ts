import { left, right, type Either } from 'fp-ts/Either';
import type { AccountCommand, AccountError, AccountState } from '@smart-orders/core';
import { OrderId } from '@smart-orders/core';
import {
  createAccountDesk,
  type AccountDesk,
  type EventStore,
  type StoredEvent,
} from '@smart-orders/engine';
import { badInput } from './cliFailure';

/** What an operator's command did to the account stream. */
export interface AccountDecision {
  /** The state the command was decided on. */
  readonly before: AccountState;
  /** The events appended, as stored; none when the decider had nothing to record. */
  readonly appended: readonly StoredEvent[];
}

/** Attempts after the first when another writer (the engine, the watchdog) appended meanwhile. */
const CONFLICT_RETRIES = 5;

/**
 * The account the engine guards, folded from its stream, or bad input when no engine ever
 * wrote it: an operator who mistypes the id must not find a fresh stream created for it.
 */
const loadDesk = async (store: EventStore, accountId: string): Promise<AccountDesk> => {
  if (!OrderId.is(accountId))
    badInput(`--account: must be 1..64 characters of [A-Za-z0-9_-], got "${accountId}"`);
  const desk = createAccountDesk({ id: accountId });
  await desk.load(store);
  if (desk.state.version === 0)
    badInput(
      `--account: no stream ${desk.stream} in this store; use the account.id of the plan the engine runs (default "default")`,
    );
  return desk;
};

export const loadAccount = async (store: EventStore, accountId: string): Promise<AccountState> =>
  (await loadDesk(store, accountId)).state;

// The exchange is not ours to touch, so the work's requests are dropped and prices unknown.
const offline = (warn: (message: string) => void) => ({
  tickSize: () => 0.01,
  lastPrice: () => undefined,
  send: () => undefined,
  warn,
});

/**
 * Decides one command on the account's stream as stored and appends what it decided at the
 * version it was decided on. The engine and the watchdog append to the same stream: on a
 * conflict the stream is read again and the command decided afresh, as the engine does.
 * What the events ask of the exchange (cancels, exits) is not done here: the engine or the
 * watchdog that folds them does it with its own connection.
 */
export const decideOnAccount = async (
  store: EventStore,
  accountId: string,
  command: AccountCommand,
  warn: (message: string) => void,
): Promise<Either<AccountError, AccountDecision>> => {
  for (let attempt = 0; ; attempt++) {
    const desk = await loadDesk(store, accountId);
    const before = desk.state;
    const work = desk.begin(offline(warn));
    const decided = work.decide(command);
    if (decided._tag === 'Left') return left(decided.left);
    const append = desk.appendOf(work);
    if (append === null) return right({ before, appended: [] });
    const result = await store.appendBatch([append]);
    if (result._tag === 'Right') return right({ before, appended: result.right.events });
    if (attempt >= CONFLICT_RETRIES)
      throw new Error(`${result.left.message}: still moving after ${attempt + 1} attempts`);
  }
};
