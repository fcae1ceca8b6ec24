import type { Trade } from 'ccxt';
import { ccxt } from './ccxtModule';

/**
 * The exact commissions of the executions one coalesced Binance view covers, per asset, or
 * undefined when ccxt's record of the order cannot show them.
 *
 * When several execution reports of one order arrive between two reads, ccxt hands over only
 * the last view; its order `fee` is then the float sum of the commissions so far, truncated to
 * the currency's precision (Binance's `currencyToPrecisionRoundingMode`), so 1 ETH bought in
 * parts at 10 bps summed to 0.00099999. ccxt also keeps each execution of the order it has
 * cached in `trades`, with the report as Binance sent it: the executions this view covers are
 * the last ones whose quantities `l` add up to exactly what it covers, and their commissions
 * `n` are exact. A record that falls short (ccxt cached the order after its first fills) or
 * overshoots gives undefined, and the caller falls back to ccxt's sum.
 */
export const binanceCoalescedFees = (
  trades: readonly Trade[] | undefined,
  /** The quantity the view covers beyond what was already reported (contracts are base here). */
  covers: number,
): ReadonlyMap<string, string> | undefined => {
  const target = String(covers);
  let quantity = '0';
  const byAsset = new Map<string, string>();
  for (const trade of [...(trades ?? [])].reverse()) {
    const info = (trade.info ?? {}) as Record<string, unknown>;
    const { l, n, N } = info;
    if (typeof l !== 'string' || typeof n !== 'string' || typeof N !== 'string') return undefined;
    quantity = ccxt.Precise.stringAdd(quantity, l) ?? quantity;
    byAsset.set(N, ccxt.Precise.stringAdd(byAsset.get(N) ?? '0', n) ?? n);
    if (ccxt.Precise.stringEq(quantity, target)) return byAsset;
    if (ccxt.Precise.stringGt(quantity, target)) return undefined;
  }
  return undefined;
};
