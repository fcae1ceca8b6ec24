import type { Order } from 'ccxt';
import type { ReportedFee } from '@smart-orders/core';
import { binanceCoalescedFees } from './binanceCoalescedFees';
import { ccxt } from './ccxtModule';
import type { CcxtExchangeId } from './exchangeIds';

/**
 * The fees one view of an order reports, per asset. `ORDER`: what the whole order has paid so
 * far (every venue's REST order, and the streams of Bybit, OKX, Gate, Bitget, KuCoin, Kraken,
 * Coinbase); `EXECUTION`: what its last execution paid (Binance's `executionReport` and
 * `ORDER_TRADE_UPDATE` carry the commission `n` of that trade only).
 */
export interface FeeView {
  readonly scope: 'ORDER' | 'EXECUTION';
  readonly byAsset: ReadonlyMap<string, string>;
}

interface CcxtFee {
  readonly cost?: number | string | undefined;
  readonly currency?: string | undefined;
}

/**
 * Bybit's orders without `cumFeeDetail` give only `cumExecFee`, which ccxt leaves unparsed; its
 * asset is the one the fill received on spot (the base of a buy, the quote of a sell) and the
 * settlement asset on a contract.
 */
const bybitFee = (order: Order, info: Record<string, unknown>): CcxtFee | undefined => {
  const cost = info['cumExecFee'];
  if (typeof cost !== 'string' || cost === '') return undefined;
  const [pair = '', settle] = (order.symbol ?? '').split(':');
  const [base, quote] = pair.split('/');
  return { cost, currency: settle ?? (order.side === 'buy' ? base : quote) };
};

const costOf = (f: CcxtFee): string | undefined => {
  const c = typeof f.cost === 'number' ? String(f.cost) : f.cost;
  return c !== undefined && c !== '' && Number.isFinite(Number(c)) ? c : undefined;
};

/**
 * What ccxt parsed of an order's fees: its `fees` list, else its `fee`, else the fees of the
 * trades it carries (Binance's FULL create answer lists its fills with their commission). A
 * fee without a currency is in the quote (settlement) asset: the venues that leave it out
 * (Coinbase's `total_fees`, Kraken's spot `fee`) charge there. Null: the view says nothing
 * about fees (Binance's REST order), which is not the same as a zero fee.
 */
export const feeViewOf = (
  exchangeId: CcxtExchangeId,
  order: Order,
  quoteOf: (symbol: string) => string,
  /** How much the report this view makes covers: more than its execution when views coalesced. */
  covers?: number,
): FeeView | null => {
  const info = (order.info ?? {}) as Record<string, unknown>;
  // A Binance stream view (spot `executionReport`, USDⓈ-M `ORDER_TRADE_UPDATE`'s order) has an
  // execution type `x` and the commission `n` (asset `N`) of that execution alone, exact. ccxt
  // adds each execution's fee to the order it caches and gives the next view of that order
  // the sum so far, rounded to the currency's precision: read from `n`, an order filled in parts
  // is charged each part's fee once. When ccxt handed over only the last of several views (the
  // report covers more than this execution's `l`), the executions it covers are read from
  // ccxt's record of the order's trades, else its summed fee is what the order has paid.
  const coalesced = covers !== undefined && Number(info['l']) < covers;
  if (exchangeId === 'binance' && coalesced) {
    const exact = binanceCoalescedFees(order.trades, covers);
    if (exact !== undefined) return { scope: 'EXECUTION', byAsset: exact };
  }
  if (exchangeId === 'binance' && typeof info['x'] === 'string' && 'n' in info && !coalesced) {
    const n = typeof info['n'] === 'string' ? info['n'] : undefined;
    const asset = typeof info['N'] === 'string' ? info['N'] : undefined;
    if (info['x'] !== 'TRADE' || n === undefined || asset === undefined) return null;
    return { scope: 'EXECUTION', byAsset: new Map([[asset, n]]) };
  }
  // ccxt fills `fees` at run time; its Order type names only `fee`.
  const all = (order as Order & { fees?: readonly CcxtFee[] }).fees ?? [];
  const listed = all.filter((f) => costOf(f) !== undefined);
  const fromTrades = (order.trades ?? []).flatMap((t) =>
    t.fee !== undefined && costOf(t.fee) !== undefined ? [t.fee] : [],
  );
  const bybit = exchangeId === 'bybit' ? bybitFee(order, info) : undefined;
  const fees: readonly CcxtFee[] =
    listed.length > 0
      ? listed
      : order.fee !== undefined && costOf(order.fee) !== undefined
        ? [order.fee]
        : bybit !== undefined
          ? [bybit]
          : fromTrades;
  if (fees.length === 0) return null;
  const byAsset = new Map<string, string>();
  for (const f of fees) {
    const asset = f.currency ?? quoteOf(order.symbol ?? '');
    byAsset.set(asset, ccxt.Precise.stringAdd(byAsset.get(asset) ?? '0', costOf(f) ?? '0') ?? '0');
  }
  return { scope: 'ORDER', byAsset };
};

/**
 * The fee of one fill: what the view adds to the fees already reported for the order. When a
 * fill's fee is split across assets (a BNB discount that ran out mid-order), the larger part is
 * reported; the tracker keeps every asset's total, so nothing is counted twice.
 */
export const feeDelta = (
  view: FeeView,
  known: ReadonlyMap<string, string>,
): { fee: ReportedFee | undefined; known: Map<string, string> } => {
  const next = new Map(known);
  let fee: ReportedFee | undefined;
  for (const [asset, amount] of view.byAsset) {
    const before = known.get(asset) ?? '0';
    const delta =
      view.scope === 'EXECUTION' ? amount : (ccxt.Precise.stringSub(amount, before) ?? '0');
    next.set(
      asset,
      view.scope === 'EXECUTION' ? (ccxt.Precise.stringAdd(before, amount) ?? amount) : amount,
    );
    const n = Number(delta);
    if (fee === undefined || Math.abs(n) > Math.abs(fee.amount)) fee = { amount: n, asset };
  }
  return { fee, known: next };
};
