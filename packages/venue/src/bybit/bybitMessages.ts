import { add, sub } from '@smart-orders/core';
import type { BalanceLine } from '../account';
import type { TickerStats } from '../tickerStats';
import type { VenueMarket } from '../venueMarket';
import { isMarketType, isOpen, type VenueOrder, type VenueTrade } from '../venueOrder';
import { directionOf } from './bybitOrder';

/** Bybit writes decimals plainly, without trailing zeros: "0.5", "64000". */
export const bybitDecimal = (n: number): string => {
  const fixed = n.toFixed(10);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
};

/** The envelope of every REST answer; `time` is the server's wall clock. */
export const envelope = (result: unknown, time: number) => ({
  retCode: 0,
  retMsg: 'OK',
  result,
  retExtInfo: {},
  time,
});

/** What the venue keeps of a Bybit order beyond the shared engine's: its unit and its fees. */
export interface BybitOrderExtra {
  readonly marketUnit: 'baseCoin' | 'quoteCoin' | null;
  readonly fees: ReadonlyMap<string, number>;
  /** Cancelled by the client (`CancelByUser`) rather than ended by the venue. */
  readonly cancelledByUser: boolean;
}

const status = (o: VenueOrder): string => {
  switch (o.status) {
    case 'NEW':
      return o.triggered ? 'New' : 'Untriggered';
    case 'PARTIALLY_FILLED':
      return 'PartiallyFilled';
    case 'FILLED':
      return 'Filled';
    case 'CANCELED':
      // A conditional order cancelled before it triggered is Deactivated on Bybit.
      return o.triggered ? 'Cancelled' : 'Deactivated';
    case 'EXPIRED':
      return 'Cancelled';
  }
};

const timeInForce = (o: VenueOrder): string =>
  o.type === 'LIMIT_MAKER' ? 'PostOnly' : isMarketType(o.type) ? 'IOC' : o.timeInForce;

/** One spot order as `/v5/order/realtime`, `/v5/order/history` and the `order` topic show it. */
export const bybitOrderJson = (o: VenueOrder, extra: BybitOrderExtra) => {
  const direction = directionOf(o.side, o.type);
  const leaves = isOpen(o) ? sub(o.quantity, o.executedQty) : 0;
  const qty = extra.marketUnit === 'quoteCoin' ? (o.quoteOrderQty ?? o.quantity) : o.quantity;
  const fees = [...extra.fees];
  const feeTotal = fees.reduce((sum, [, amount]) => add(sum, amount), 0);
  return {
    category: 'spot',
    symbol: o.symbol,
    orderId: String(o.orderId),
    orderLinkId: o.clientOrderId,
    blockTradeId: '',
    price: bybitDecimal(o.price ?? 0),
    qty: bybitDecimal(qty),
    side: o.side === 'BUY' ? 'Buy' : 'Sell',
    isLeverage: '0',
    positionIdx: 0,
    orderStatus: status(o),
    createType: 'CreateByUser',
    cancelType:
      o.status === 'CANCELED' && extra.cancelledByUser
        ? 'CancelByUser'
        : o.status === 'EXPIRED'
          ? 'CancelByIOC'
          : 'UNKNOWN',
    rejectReason: 'EC_NoError',
    avgPrice: o.executedQty > 0 ? bybitDecimal(o.cumulativeQuoteQty / o.executedQty) : '',
    leavesQty: bybitDecimal(leaves),
    leavesValue: bybitDecimal(leaves * (o.price ?? 0)),
    cumExecQty: bybitDecimal(o.executedQty),
    cumExecValue: bybitDecimal(o.cumulativeQuoteQty),
    cumExecFee: bybitDecimal(feeTotal),
    // The fee by the coin it was charged in (Bybit's newer field; cumExecFee alone names none).
    cumFeeDetail: Object.fromEntries(fees.map(([asset, amount]) => [asset, bybitDecimal(amount)])),
    timeInForce: timeInForce(o),
    orderType: isMarketType(o.type) ? 'Market' : 'Limit',
    stopOrderType: direction === null ? '' : 'Stop',
    orderIv: '',
    marketUnit: extra.marketUnit ?? '',
    triggerPrice: bybitDecimal(o.stopPrice ?? 0),
    takeProfit: '0',
    stopLoss: '0',
    tpTriggerBy: '',
    slTriggerBy: '',
    triggerDirection: direction ?? 0,
    triggerBy: direction === null ? '' : 'LastPrice',
    lastPriceOnCreated: '',
    reduceOnly: false,
    closeOnTrigger: false,
    placeType: '',
    smpType: 'None',
    smpGroup: 0,
    smpOrderId: '',
    createdTime: String(o.time),
    updatedTime: String(o.updateTime),
  };
};

/** One fill as `/v5/execution/list` and the `execution` topic show it. */
export const bybitExecutionJson = (
  market: VenueMarket,
  order: VenueOrder,
  t: VenueTrade,
  extra: BybitOrderExtra,
) => ({
  category: 'spot',
  symbol: market.id,
  orderId: String(order.orderId),
  orderLinkId: order.clientOrderId,
  side: t.side === 'BUY' ? 'Buy' : 'Sell',
  orderPrice: bybitDecimal(order.price ?? 0),
  orderQty: bybitDecimal(
    extra.marketUnit === 'quoteCoin' ? (order.quoteOrderQty ?? order.quantity) : order.quantity,
  ),
  leavesQty: bybitDecimal(isOpen(order) ? sub(order.quantity, order.executedQty) : 0),
  orderType: isMarketType(order.type) ? 'Market' : 'Limit',
  stopOrderType: directionOf(order.side, order.type) === null ? '' : 'Stop',
  execFee: bybitDecimal(t.commission),
  feeCurrency: t.commissionAsset,
  execId: String(t.id),
  execPrice: bybitDecimal(t.price),
  execQty: bybitDecimal(t.qty),
  execType: 'Trade',
  execValue: bybitDecimal(t.quoteQty),
  execTime: String(t.time),
  isMaker: t.isMaker,
  feeRate: bybitDecimal(feeRate(market, t)),
  tradeIv: '',
  markIv: '',
  markPrice: '',
  indexPrice: '',
  underlyingPrice: '',
  blockTradeId: '',
  closedSize: '',
  seq: t.id,
  isLeverage: '0',
});

/** The rate the fee was charged at, of the fill's amount in the asset it was charged in. */
const feeRate = (market: VenueMarket, t: VenueTrade): number => {
  const charged = t.commissionAsset === market.base ? t.qty : t.quoteQty;
  return charged === 0 ? 0 : Number((t.commission / charged).toFixed(8));
};

/** `/v5/account/wallet-balance` of the unified account: every coin the account holds. */
export const walletJson = (lines: readonly BalanceLine[], prices: ReadonlyMap<string, number>) => {
  const coins = lines.map((b) => {
    const total = add(b.free, b.locked);
    const usd = total * (prices.get(b.asset) ?? 0);
    return {
      coin: b.asset,
      equity: bybitDecimal(total),
      usdValue: bybitDecimal(usd),
      walletBalance: bybitDecimal(total),
      free: bybitDecimal(b.free),
      locked: bybitDecimal(b.locked),
      spotHedgingQty: '0',
      borrowAmount: '0',
      availableToWithdraw: bybitDecimal(b.free),
      accruedInterest: '0',
      totalOrderIM: '0',
      totalPositionIM: '0',
      totalPositionMM: '0',
      unrealisedPnl: '0',
      cumRealisedPnl: '0',
      bonus: '0',
      marginCollateral: true,
      collateralSwitch: true,
    };
  });
  const equity = coins.reduce((sum, c) => sum + Number(c.usdValue), 0);
  return {
    accountType: 'UNIFIED',
    accountIMRate: '0',
    accountMMRate: '0',
    totalEquity: bybitDecimal(equity),
    totalWalletBalance: bybitDecimal(equity),
    totalMarginBalance: bybitDecimal(equity),
    totalAvailableBalance: bybitDecimal(equity),
    totalPerpUPL: '0',
    totalInitialMargin: '0',
    totalMaintenanceMargin: '0',
    accountLTV: '0',
    coin: coins,
  };
};

/** A spot instrument of `/v5/market/instruments-info`, from the venue's filters. */
export const spotInstrumentJson = (m: VenueMarket) => ({
  symbol: m.id,
  baseCoin: m.base,
  quoteCoin: m.quote,
  innovation: '0',
  status: 'Trading',
  marginTrading: 'none',
  stTag: '0',
  lotSizeFilter: {
    basePrecision: bybitDecimal(m.rules.stepSize),
    quotePrecision: '0.00000001',
    minOrderQty: bybitDecimal(m.rules.minQty),
    maxOrderQty: bybitDecimal(m.rules.maxQty),
    minOrderAmt: bybitDecimal(m.rules.minNotional),
    maxOrderAmt: '100000000',
  },
  priceFilter: { tickSize: bybitDecimal(m.rules.tickSize) },
  riskParameters: { priceLimitRatioX: '0.05', priceLimitRatioY: '0.05' },
});

/** A spot ticker of `/v5/market/tickers`; the "24 h" window is the whole replay. */
export const spotTickerJson = (
  m: VenueMarket,
  s: TickerStats,
  book: { readonly bid?: number; readonly ask?: number },
) => ({
  symbol: m.id,
  bid1Price: bybitDecimal(book.bid ?? 0),
  bid1Size: book.bid === undefined ? '0' : '1',
  ask1Price: bybitDecimal(book.ask ?? 0),
  ask1Size: book.ask === undefined ? '0' : '1',
  lastPrice: bybitDecimal(s.last ?? 0),
  prevPrice24h: bybitDecimal(s.open ?? 0),
  price24hPcnt:
    s.open === null || s.open === 0 || s.last === null
      ? '0'
      : bybitDecimal(Number(((s.last - s.open) / s.open).toFixed(6))),
  highPrice24h: bybitDecimal(s.high ?? 0),
  lowPrice24h: bybitDecimal(s.low ?? 0),
  turnover24h: bybitDecimal(s.quoteVolume),
  volume24h: bybitDecimal(s.volume),
  usdIndexPrice: '',
});

/** One print of the `publicTrade.<symbol>` topic. */
export const publicTradeJson = (
  m: VenueMarket,
  p: { readonly id: number; readonly price: number; readonly qty: number; readonly ts: number },
  side: 'Buy' | 'Sell',
) => ({
  i: String(p.id),
  T: p.ts,
  p: bybitDecimal(p.price),
  v: bybitDecimal(p.qty),
  S: side,
  s: m.id,
  BT: false,
  RPI: false,
});
