import type { MarketInterface } from 'ccxt';
import type { NativeStopSupport } from '@smart-orders/engine';
import type { CcxtExchangeId } from './exchangeIds';

/**
 * How each venue keeps a native stop on its USDT-margined perpetuals: `AMEND` only where the
 * venue moves a trigger order's trigger price and size in place, atomically, under the same
 * client order id (bybit `/v5/order/amend`, okx `/api/v5/trade/amend-algos`). ccxt's
 * `editOrder` is a cancel and a create on several venues, which is never taken for an amend. A string says why the venue has none.
 */
const DERIVATIVE_MODE: Record<CcxtExchangeId, 'AMEND' | 'REPLACE' | string> = {
  // USDⓈ-M conditional orders live in the algo service, which has no modify endpoint.
  binance: 'REPLACE',
  bybit: 'AMEND',
  // Algo orders: amend-algos moves the stop-loss leg's trigger and size by algoClOrdId.
  okx: 'AMEND',
  gate: "native stops on gate are not built in this adapter yet: its price-triggered orders (/futures/usdt/price_orders) are found by gate's id only, never by our text, so a lookup must scan the open and finished price orders for initial.text, and the order a triggered one places must be read for the fill",
  bitget:
    'native stops on bitget are not built in this adapter yet: how a triggered plan order (place-plan-order, normal_plan) reports its fill, and whether it fires by side or by where the price stood when it was placed, are not verified; the order stream carries plan orders on a channel (orders-algo) ccxt does not watch',
  kucoin: 'kucoin is traded spot only here',
  kraken: 'kraken is traded spot only here',
  coinbase: 'coinbase is traded spot only here',
};

export const nativeStopSupportOf = (
  exchangeId: CcxtExchangeId,
  symbol: string,
  market: MarketInterface | undefined,
): NativeStopSupport => {
  const off = (why: string): NativeStopSupport => ({
    mode: 'OFF',
    reason: `${exchangeId} ${symbol}: ${why}`,
  });
  if (market === undefined) return off('the venue lists no such market');
  if (market.spot === true) {
    return off(
      'a spot market: a resting stop sell would lock the base balance that the take-profits sell, and spot has no reduce-only; the managed stop alone protects it',
    );
  }
  if (market.swap !== true || market.linear !== true) {
    return off('native stops are kept on USDT-margined perpetuals only');
  }
  const mode = DERIVATIVE_MODE[exchangeId];
  return mode === 'AMEND' || mode === 'REPLACE' ? { mode } : off(mode);
};
