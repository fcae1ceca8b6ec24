import type { AccountState } from './accountState';
import type { Breach } from './killSwitch';
import { RUNAWAY_WINDOW_MS } from './riskConfig';
import { workingOn } from './workingOrders';

/**
 * A loop that sends orders faster than any strategy should, or piles them up on one symbol:
 * more than `maxOrdersPerMinute` sent in the last 60 s (a sliding window ending at this send),
 * or more than `maxWorkingOrdersPerSymbol` working on one symbol. Checked as each send is
 * recorded, so the order that crosses a limit is the one that trips.
 */
export const runawayBreach = (state: AccountState, ts: number, symbol: string): Breach | null => {
  const perMinute = state.risk.maxOrdersPerMinute;
  if (perMinute !== undefined) {
    const sent = state.recentSends.filter((t) => t > ts - RUNAWAY_WINDOW_MS).length;
    if (sent > perMinute) {
      return {
        reason: 'RUNAWAY_ORDERS',
        detail: `${sent} orders sent in the last 60 s, more than the limit of ${perMinute} per minute`,
        symbol,
        value: sent,
        limit: perMinute,
      };
    }
  }
  const perSymbol = state.risk.maxWorkingOrdersPerSymbol;
  if (perSymbol !== undefined) {
    const working = workingOn(state.workingOrders, symbol);
    if (working > perSymbol) {
      return {
        reason: 'RUNAWAY_ORDERS',
        detail: `${working} orders working on ${symbol}, more than the limit of ${perSymbol}`,
        symbol,
        value: working,
        limit: perSymbol,
      };
    }
  }
  return null;
};
