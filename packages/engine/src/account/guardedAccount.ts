import { DEFAULT_ACCOUNT_ID } from '@smart-orders/core';
import type { Exchange } from '../ports/exchange';
import type { EngineAccount } from './accountDesk';

/**
 * The account an engine guards (SEMANTICS §7 v2, "on by default when live"): the one given, or
 * none when the embedder says `false`. Given nothing, an engine on a live exchange (one that
 * does not trade in the engine's tick time, `matchTick`) guards the account `default`, as `run`
 * does: the reconciliation gate at start and after every reconnect, heartbeats for the
 * watchdog, stale market data. On paper it guards none, so a replay's log stays a pure function
 * of its ticks.
 */
export const guardedAccount = (
  account: EngineAccount | false | undefined,
  exchange: Pick<Exchange, 'matchTick'>,
): EngineAccount | undefined => {
  if (account === false) return undefined;
  if (account !== undefined) return account;
  return exchange.matchTick === undefined ? { id: DEFAULT_ACCOUNT_ID } : undefined;
};
