import { left, right, type Either } from 'fp-ts/Either';
import { eventsOf } from '../decideInSteps';
import { issuesOf } from '../codecs/issues';
import { MarketSymbol } from '../codecs/rule';
import { accountValidationFailed, type AccountError } from './accountError';
import type { AccountEvent } from './accountEvent';
import { accountSteps, type AccountDecision } from './accountDecision';
import { AccountCommand } from './accountCommand';
import { PriceMap } from './accountRules';
import type { AccountState } from './accountState';
import { decideFlattenProgress } from './flatten';
import { decideExitRejected } from './flattenExits';
import { decideHeartbeat } from './heartbeat';
import { decideMarketDataStale } from './marketDataStale';
import { decideReset, decideTrip } from './killSwitch';
import { onAccountTick } from './onAccountTick';
import { onFill } from './onFill';
import { onOrderDone, onOrderSent } from './onOrderFlow';
import { decideReconcileWith, decideStartReconciliation } from './reconcile';
import { decideSetTradingState } from './setTradingState';
import { decideStaleFlatten } from './staleFlatten';
import { decideCheckOrder } from './tradingGate';

/** Decodes any input into an account command, or names every field that is wrong and the rule. */
export const decodeAccountCommand = (
  input: unknown,
  state: AccountState,
): Either<AccountError, AccountCommand> => {
  const decoded = AccountCommand.decode(input);
  return decoded._tag === 'Right'
    ? decoded
    : left(accountValidationFailed(state, issuesOf(decoded.left)));
};

const positive = (v: unknown): boolean => typeof v === 'number' && v > 0 && Number.isFinite(v);

const isPlainAccountTick = (c: unknown): boolean => {
  if (typeof c !== 'object' || c === null) return false;
  const tick = c as Record<string, unknown>;
  return (
    tick.type === 'AccountTick' &&
    typeof tick.ts === 'number' &&
    Number.isInteger(tick.ts) &&
    tick.ts >= 0 &&
    MarketSymbol.is(tick.symbol) &&
    positive(tick.price) &&
    (tick.marks === undefined || PriceMap.is(tick.marks)) &&
    Object.keys(tick).every(
      (k) => k === 'type' || k === 'ts' || k === 'symbol' || k === 'price' || k === 'marks',
    )
  );
};

/**
 * The account decider: one command against the account's state, to the events it causes or a
 * typed rejection. Pure: time comes on the commands, ids are derived, nothing is read or
 * written. Every command is decoded again here (a caller bypassing the codecs still cannot
 * put an invalid fact in the stream), except a tick, the hot path, which takes a cheap shape
 * check instead.
 */
export const decideAccount = (
  command: AccountCommand,
  state: AccountState,
): Either<AccountError, AccountEvent[]> => eventsOf(decideAccountInSteps(command, state));

/**
 * The same decision with the state after each of its events, every event folded once, where
 * it was decided: the engine's account work carries these states on and folds nothing again.
 */
export const decideAccountInSteps = (
  command: AccountCommand,
  state: AccountState,
): Either<AccountError, AccountDecision> => {
  const checked = isPlainAccountTick(command)
    ? right(command)
    : decodeAccountCommand(command, state);
  if (checked._tag === 'Left') return checked;
  const cmd = checked.right;
  const folded = (decided: Either<AccountError, readonly AccountEvent[] | AccountDecision>) =>
    accountSteps.decision(state, decided);
  switch (cmd.type) {
    case 'AccountTick':
      return right(onAccountTick(state, cmd));
    case 'FillObserved':
      return right(onFill(state, cmd));
    case 'OrderSent':
      return right(onOrderSent(state, cmd));
    case 'OrderDone':
      return folded(right(onOrderDone(state, cmd)));
    case 'TripKillSwitch':
      return right(decideTrip(state, cmd));
    case 'ResetKillSwitch':
      return decideReset(state, cmd);
    case 'SetTradingState':
      return folded(decideSetTradingState(state, cmd));
    case 'CheckOrder':
      return folded(decideCheckOrder(state, cmd));
    case 'FlattenProgress':
      return folded(right(decideFlattenProgress(state, cmd)));
    case 'ExitRejected':
      return folded(decideExitRejected(state, cmd));
    case 'StartReconciliation':
      return folded(right(decideStartReconciliation(state, cmd)));
    case 'ReconcileWith':
      return decideReconcileWith(state, cmd);
    case 'RecordHeartbeat':
      return folded(right(decideHeartbeat(state, cmd)));
    case 'MarkMarketDataStale':
      return folded(right(decideMarketDataStale(state, cmd)));
    case 'FlattenStaleMarket':
      return folded(right(decideStaleFlatten(state, cmd)));
  }
};
