import { existsSync } from 'node:fs';
import type { AccountError } from '@smart-orders/core';
import type { EventStore } from '@smart-orders/engine';
import { decideOnAccount, loadAccount } from '../accountDecision';
import { badInput } from '../cliFailure';
import { formatJsonl, formatKillSwitchStatus, killSwitchStatus } from '../output';
import { openStore, parseStoreUrl } from '../storeUrl';
import type { Io } from './replay';

export interface KillSwitchTripArgs {
  readonly store: string;
  readonly account: string;
  readonly reason: string;
  readonly by?: string;
}

export interface KillSwitchResetArgs {
  readonly store: string;
  readonly account: string;
  readonly by: string;
  readonly to?: string;
  readonly abandonFlatten?: boolean;
}

export interface KillSwitchStatusArgs {
  readonly store: string;
  readonly account: string;
  readonly format?: string;
}

/** The engine's store, which must exist: a mistyped file path must not become a new, empty store. */
const openEngineStore = async (url: string): Promise<EventStore> => {
  const parsed = parseStoreUrl(url);
  if (parsed.kind === 'memory')
    badInput(
      '--store: memory: dies with its process; use the store of the engine (sqlite:PATH, postgres://… or esdb://…)',
    );
  if (parsed.kind === 'sqlite' && !existsSync(parsed.path as string))
    badInput(`--store: no file ${parsed.path as string}; use the store of the engine`);
  return openStore(parsed);
};

const nonBlank = (flag: string, value: string): string => {
  if (value.trim() === '') badInput(`${flag}: must not be empty`);
  return value.trim();
};

// The decider names its command's fields; the command line names its flags.
const FLAG_OF: Partial<Record<AccountError['code'], string>> = {
  FLATTEN_IN_PROGRESS: '; on the command line that is --abandon-flatten',
};

/** The decider's refusal in one line: what was wrong, where the account stands, what is allowed. */
const refused = (error: AccountError): never =>
  badInput(
    `kill-switch: ${error.code}: ${error.message}${FLAG_OF[error.code] ?? ''} (account ${error.accountId} is ${error.tradingState})`,
  );

const warning =
  (io: Io) =>
  (message: string): void =>
    io.err(`warning: ${message}`);

const tradingMode = (to: string): 'ACTIVE' | 'REDUCING' =>
  to === 'ACTIVE' || to === 'REDUCING'
    ? to
    : badInput(`--to: must be ACTIVE or REDUCING, got "${to}"`);

/**
 * `smart-orders kill-switch trip` (SEMANTICS §7): a person halts the account. The wall clock
 * dates the trip: the CLI is the edge, the decider reads no clock. A switch already tripped
 * records nothing, as the decider says; that is said on stderr and is not a failure.
 */
export const killSwitchTripCommand = async (args: KillSwitchTripArgs, io: Io): Promise<void> => {
  const reason = nonBlank('--reason', args.reason);
  const by = args.by === undefined ? undefined : nonBlank('--by', args.by);
  const store = await openEngineStore(args.store);
  try {
    const decided = await decideOnAccount(
      store,
      args.account,
      {
        type: 'TripKillSwitch',
        ts: Date.now(),
        reason: 'MANUAL',
        detail: by === undefined ? reason : `${reason} (by ${by})`,
      },
      warning(io),
    );
    const { before, appended } = decided._tag === 'Left' ? refused(decided.left) : decided.right;
    appended.forEach((e) => io.out(formatJsonl(e)));
    if (appended.length === 0 && before.killSwitch !== null)
      io.err(
        `kill-switch trip: account ${args.account} was tripped already (${before.killSwitch.reason} at ${new Date(before.killSwitch.trippedAt).toISOString()}: ${before.killSwitch.detail}); nothing recorded`,
      );
  } finally {
    await store.close();
  }
};

/**
 * `smart-orders kill-switch reset`: the account trades again, in `--to` or the state it had
 * before the trip. Refused (exit 2) when the switch is not tripped or its flatten is not
 * confirmed; `--abandon-flatten` takes the open positions over by hand instead.
 */
export const killSwitchResetCommand = async (args: KillSwitchResetArgs, io: Io): Promise<void> => {
  const by = nonBlank('--by', args.by);
  const to = args.to === undefined ? undefined : tradingMode(args.to);
  const store = await openEngineStore(args.store);
  try {
    const decided = await decideOnAccount(
      store,
      args.account,
      {
        type: 'ResetKillSwitch',
        ts: Date.now(),
        by,
        ...(to === undefined ? {} : { to }),
        ...(args.abandonFlatten === true ? { abandonFlatten: true } : {}),
      },
      warning(io),
    );
    if (decided._tag === 'Left') return refused(decided.left);
    decided.right.appended.forEach((e) => io.out(formatJsonl(e)));
  } finally {
    await store.close();
  }
};

/** `smart-orders kill-switch status`: the trading state, the trip if any, the last heartbeat. */
export const killSwitchStatusCommand = async (
  args: KillSwitchStatusArgs,
  io: Io,
): Promise<void> => {
  const format = args.format ?? 'table';
  if (format !== 'table' && format !== 'json')
    return badInput(`--format: must be table or json, got "${format}"`);
  const store = await openEngineStore(args.store);
  try {
    const state = await loadAccount(store, args.account);
    io.out(formatKillSwitchStatus(killSwitchStatus(state, Date.now()), format));
  } finally {
    await store.close();
  }
};
