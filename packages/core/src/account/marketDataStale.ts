import { accountEvent, type AccountEvent } from './accountEvent';
import type { MarkMarketDataStale } from './accountCommand';
import { own } from './accountRules';
import type { AccountState } from './accountState';

/** Live, by default: a symbol with open orders and no tick for this long has stale market data. */
export const DEFAULT_STALE_AFTER_MS = 10_000;

/**
 * Stale market data (SEMANTICS §7 v2). The engine measures, on its own wall clock, how long a
 * symbol with open orders has had no tick; past its limit it decides `MarkMarketDataStale`,
 * recorded once as `MarketDataStale`. While a symbol is stale new entries on it are refused
 * (`MARKET_DATA_STALE`): its price is not known. Its next tick records `MarketDataResumed`
 * before anything else is decided on it, so no trigger is ever decided on a price known to be
 * stale: triggers are decided on ticks, and the first tick after the silence is fresh.
 */
export const decideMarketDataStale = (
  state: AccountState,
  cmd: MarkMarketDataStale,
): AccountEvent[] =>
  isStale(state, cmd.symbol)
    ? []
    : [
        accountEvent('MarketDataStale', cmd.ts, {
          symbol: cmd.symbol,
          lastTickTs: cmd.lastTickTs ?? null,
        }),
      ];

export const isStale = (state: AccountState, symbol: string): boolean =>
  own(state.staleMarkets, symbol) !== undefined;

/** The tick of a stale symbol: its data is fresh again. */
export const resumeMarketData = (
  state: AccountState,
  ts: number,
  symbol: string,
): AccountEvent[] =>
  isStale(state, symbol) ? [accountEvent('MarketDataResumed', ts, { symbol })] : [];
