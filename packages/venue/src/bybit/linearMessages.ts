import { add, mul, sub } from '@smart-orders/core';
import type { TickerStats } from '../tickerStats';
import type { Quote } from '../quote';
import { MAX_LEVERAGE } from '../usdm/futuresAccount';
import type { FuturesEngine } from '../usdm/futuresEngine';
import {
  isFuturesOpen,
  type AlgoOrder,
  type FuturesOrder,
  type FuturesTrade,
  type PositionSide,
} from '../usdm/futuresOrder';
import type { VenueMarket } from '../venueMarket';
import { bybitDecimal } from './bybitMessages';

/** Bybit's `positionIdx`: 0 the one-way position, 1 the long side and 2 the short side of a hedge-mode account. */
export const POSITION_IDX: Readonly<Record<PositionSide, 0 | 1 | 2>> = {
  BOTH: 0,
  LONG: 1,
  SHORT: 2,
};

/**
 * The id a conditional order goes by on this dialect. Bybit keeps one order from the
 * conditional order's creation to the fill of what it placed when it triggered; the futures
 * engine keeps the conditional order apart from the market order it places, so their ids
 * are told apart by this prefix.
 */
export const CONDITIONAL_PREFIX = 'c';
export const conditionalId = (a: AlgoOrder): string => `${CONDITIONAL_PREFIX}${a.algoId}`;

/** A USDT perpetual of `/v5/market/instruments-info?category=linear`, from the venue's filters. */
export const linearInstrumentJson = (m: VenueMarket) => ({
  symbol: m.id,
  contractType: 'LinearPerpetual',
  status: 'Trading',
  baseCoin: m.base,
  quoteCoin: m.quote,
  launchTime: '0',
  deliveryTime: '0',
  deliveryFeeRate: '',
  priceScale: String(Math.max(0, -Math.floor(Math.log10(m.rules.tickSize) + 1e-9))),
  leverageFilter: {
    minLeverage: '1',
    maxLeverage: bybitDecimal(MAX_LEVERAGE),
    leverageStep: '0.01',
  },
  priceFilter: {
    minPrice: bybitDecimal(m.rules.minPrice),
    maxPrice: bybitDecimal(m.rules.maxPrice),
    tickSize: bybitDecimal(m.rules.tickSize),
  },
  lotSizeFilter: {
    maxOrderQty: bybitDecimal(m.rules.maxQty),
    minOrderQty: bybitDecimal(m.rules.minQty),
    qtyStep: bybitDecimal(m.rules.stepSize),
    postOnlyMaxOrderQty: bybitDecimal(m.rules.maxQty),
    maxMktOrderQty: bybitDecimal(m.rules.maxQty),
    minNotionalValue: bybitDecimal(m.rules.minNotional),
  },
  unifiedMarginTrade: true,
  // Funding is not charged by the venue; the interval is listed as Bybit's.
  fundingInterval: 480,
  settleCoin: m.settle ?? m.quote,
  copyTrading: 'none',
  upperFundingRate: '0',
  lowerFundingRate: '0',
  isPreListing: false,
  preListingInfo: null,
});

/** A linear ticker of `/v5/market/tickers`: the mark (and index) is the recording's last trade. */
export const linearTickerJson = (
  m: VenueMarket,
  s: TickerStats,
  book: Quote,
  mark: number | undefined,
) => ({
  symbol: m.id,
  lastPrice: bybitDecimal(s.last ?? mark ?? 0),
  indexPrice: bybitDecimal(mark ?? 0),
  markPrice: bybitDecimal(mark ?? 0),
  prevPrice24h: bybitDecimal(s.open ?? 0),
  price24hPcnt:
    s.open === null || s.open === 0 || s.last === null
      ? '0'
      : bybitDecimal(Number(((s.last - s.open) / s.open).toFixed(6))),
  highPrice24h: bybitDecimal(s.high ?? 0),
  lowPrice24h: bybitDecimal(s.low ?? 0),
  prevPrice1h: bybitDecimal(s.open ?? 0),
  openInterest: '0',
  openInterestValue: '0',
  turnover24h: bybitDecimal(s.quoteVolume),
  volume24h: bybitDecimal(s.volume),
  fundingRate: '0',
  nextFundingTime: '0',
  predictedDeliveryPrice: '',
  basisRate: '',
  deliveryFeeRate: '',
  deliveryTime: '0',
  bid1Price: bybitDecimal(book.bid ?? book.price ?? 0),
  bid1Size: '1',
  ask1Price: bybitDecimal(book.ask ?? book.price ?? 0),
  ask1Size: '1',
});

/** What the venue keeps of a linear order beyond the futures engine's. */
export interface LinearOrderExtra {
  /** The fees of its fills so far, in the settlement asset. */
  readonly fee: number;
  readonly cancelledByUser: boolean;
  /** Bybit's `triggerDirection` of a conditional order. */
  readonly triggerDirection: 1 | 2 | 0;
}

const plainStatus = (o: FuturesOrder): string => {
  switch (o.status) {
    case 'NEW':
      return 'New';
    case 'PARTIALLY_FILLED':
      return 'PartiallyFilled';
    case 'FILLED':
      return 'Filled';
    case 'CANCELED':
      return o.executedQty > 0 ? 'PartiallyFilledCanceled' : 'Cancelled';
    case 'EXPIRED':
      return o.executedQty > 0 ? 'PartiallyFilledCanceled' : 'Cancelled';
  }
};

const cancelTypeOf = (o: FuturesOrder, extra: LinearOrderExtra): string => {
  if (o.status === 'CANCELED') return extra.cancelledByUser ? 'CancelByUser' : 'CancelByAdmin';
  if (o.status !== 'EXPIRED') return 'UNKNOWN';
  if (o.reduceOnly || o.closePosition) return 'CancelByReduceOnly';
  return o.type === 'LIQUIDATION' ? 'CancelByLiq' : 'CancelByIOC';
};

/**
 * One linear order as `/v5/order/realtime`, `/v5/order/history` and the `order` topic show it:
 * a plain order, or a conditional order with what it placed when it triggered (`placed`), as
 * one order under one id. `tpslMode` is what tells ccxt a contract order from a spot one.
 */
export const linearOrderJson = (
  m: VenueMarket,
  view: { readonly order: FuturesOrder } | { readonly algo: AlgoOrder; placed?: FuturesOrder },
  extra: LinearOrderExtra,
) => {
  const algo = 'algo' in view ? view.algo : null;
  const placed = 'algo' in view ? (view.placed ?? null) : view.order;
  const quantity = algo !== null ? algo.quantity : (placed as FuturesOrder).quantity;
  const executed = placed?.executedQty ?? 0;
  const cumQuote = placed?.cumQuote ?? 0;
  const open =
    algo !== null
      ? algo.algoStatus === 'NEW' || (placed !== null && isFuturesOpen(placed))
      : isFuturesOpen(placed as FuturesOrder);
  const status =
    algo === null
      ? plainStatus(placed as FuturesOrder)
      : algo.algoStatus === 'NEW'
        ? 'Untriggered'
        : algo.algoStatus === 'CANCELED'
          ? 'Deactivated'
          : placed === null
            ? 'Triggered'
            : placed.status === 'NEW'
              ? 'Triggered'
              : plainStatus(placed);
  const price = placed?.type === 'LIMIT' ? placed.price : 0;
  const leaves = open ? sub(quantity, executed) : 0;
  const side = (algo ?? (placed as FuturesOrder)).side;
  const positionSide = (algo ?? (placed as FuturesOrder)).positionSide;
  const createdTime = algo?.createTime ?? (placed as FuturesOrder).time;
  const updatedTime = Math.max(algo?.updateTime ?? 0, placed?.updateTime ?? 0);
  return {
    category: 'linear',
    symbol: m.id,
    orderId: algo !== null ? conditionalId(algo) : String((placed as FuturesOrder).orderId),
    orderLinkId: algo?.clientAlgoId ?? (placed as FuturesOrder).clientOrderId,
    parentOrderLinkId: '',
    blockTradeId: '',
    price: bybitDecimal(price),
    qty: bybitDecimal(quantity),
    side: side === 'BUY' ? 'Buy' : 'Sell',
    isLeverage: '',
    positionIdx: POSITION_IDX[positionSide],
    orderStatus: status,
    createType:
      placed?.type === 'LIQUIDATION'
        ? 'CreateByLiq'
        : algo !== null
          ? 'CreateByStopOrder'
          : 'CreateByUser',
    cancelType:
      algo?.algoStatus === 'CANCELED'
        ? extra.cancelledByUser
          ? 'CancelByUser'
          : 'CancelByAdmin'
        : placed === null
          ? 'UNKNOWN'
          : cancelTypeOf(placed, extra),
    rejectReason: 'EC_NoError',
    avgPrice: executed > 0 ? bybitDecimal(placed?.avgPrice ?? 0) : '',
    leavesQty: bybitDecimal(leaves),
    leavesValue: bybitDecimal(mul(leaves, price)),
    cumExecQty: bybitDecimal(executed),
    cumExecValue: bybitDecimal(cumQuote),
    cumExecFee: bybitDecimal(extra.fee),
    cumFeeDetail: extra.fee === 0 ? {} : { [m.settle ?? m.quote]: bybitDecimal(extra.fee) },
    timeInForce:
      placed === null || placed.type !== 'LIMIT'
        ? 'IOC'
        : placed.timeInForce === 'GTX'
          ? 'PostOnly'
          : placed.timeInForce,
    orderType: placed?.type === 'LIMIT' ? 'Limit' : 'Market',
    stopOrderType: algo === null ? '' : 'Stop',
    orderIv: '',
    marketUnit: '',
    triggerPrice: algo === null ? '' : bybitDecimal(algo.triggerPrice),
    takeProfit: '',
    stopLoss: '',
    tpslMode: '',
    ocoTriggerBy: '',
    tpLimitPrice: '',
    slLimitPrice: '',
    tpTriggerBy: '',
    slTriggerBy: '',
    triggerDirection: extra.triggerDirection,
    triggerBy: algo === null ? '' : 'LastPrice',
    lastPriceOnCreated: '',
    basePrice: '',
    reduceOnly: algo?.reduceOnly ?? placed?.reduceOnly ?? false,
    closeOnTrigger: algo?.closePosition ?? false,
    placeType: '',
    smpType: 'None',
    smpGroup: 0,
    smpOrderId: '',
    createdTime: String(createdTime),
    updatedTime: String(updatedTime),
  };
};

/**
 * One linear fill as `/v5/execution/list` and the `execution` topic show it, under the id of
 * the order the client knows (a triggered conditional order's, when it placed the order).
 */
export const linearExecutionJson = (
  m: VenueMarket,
  known: { readonly orderId: string; readonly orderLinkId: string; readonly stop: boolean },
  order: FuturesOrder,
  t: FuturesTrade,
  mark: number | undefined,
) => ({
  category: 'linear',
  symbol: m.id,
  orderId: known.orderId,
  orderLinkId: known.orderLinkId,
  side: t.side === 'BUY' ? 'Buy' : 'Sell',
  orderPrice: bybitDecimal(order.price),
  orderQty: bybitDecimal(order.quantity),
  leavesQty: bybitDecimal(isFuturesOpen(order) ? sub(order.quantity, order.executedQty) : 0),
  createType: known.stop ? 'CreateByStopOrder' : 'CreateByUser',
  orderType: order.type === 'LIMIT' ? 'Limit' : 'Market',
  stopOrderType: known.stop ? 'Stop' : '',
  execFee: bybitDecimal(t.commission),
  feeCurrency: m.settle ?? m.quote,
  execId: String(t.id),
  execPrice: bybitDecimal(t.price),
  execQty: bybitDecimal(t.qty),
  execType: order.type === 'LIQUIDATION' ? 'BustTrade' : 'Trade',
  execValue: bybitDecimal(t.quoteQty),
  execTime: String(t.time),
  isMaker: t.maker,
  feeRate: bybitDecimal(t.quoteQty === 0 ? 0 : Number((t.commission / t.quoteQty).toFixed(8))),
  tradeIv: '',
  markIv: '',
  markPrice: bybitDecimal(mark ?? t.price),
  indexPrice: '',
  underlyingPrice: '',
  blockTradeId: '',
  closedSize: bybitDecimal(Math.abs(t.realizedPnl) > 0 || order.reduceOnly ? t.qty : 0),
  seq: t.id,
});

/**
 * One position row of `/v5/position/list` and the `position` topic: flat rows too (a symbol's
 * leverage is read from them), side `''` when flat.
 */
export const positionJson = (
  engine: FuturesEngine,
  m: VenueMarket,
  positionSide: PositionSide,
  serverTime: number,
) => {
  const p = engine.account.position(m.id, positionSide);
  const mark = engine.mark(m.id) ?? 0;
  const size = Math.abs(p.amount);
  const leverage = engine.account.leverage(m.id);
  const value = mul(size, p.entryPrice);
  const liq = engine.liquidationPrice(m.id, positionSide);
  return {
    positionIdx: POSITION_IDX[positionSide],
    riskId: 1,
    riskLimitValue: '2000000',
    symbol: m.id,
    side: p.amount > 0 ? 'Buy' : p.amount < 0 ? 'Sell' : '',
    size: bybitDecimal(size),
    avgPrice: bybitDecimal(p.entryPrice),
    positionValue: bybitDecimal(value),
    tradeMode: engine.account.marginType(m.id) === 'ISOLATED' ? 1 : 0,
    positionStatus: 'Normal',
    autoAddMargin: 0,
    adlRankIndicator: size > 0 ? 2 : 0,
    leverage: bybitDecimal(leverage),
    positionBalance: bybitDecimal(size === 0 ? 0 : mul(size, mark) / leverage),
    markPrice: bybitDecimal(mark),
    liqPrice: size === 0 || liq === 0 ? '' : bybitDecimal(Number(liq.toFixed(8))),
    bustPrice: '',
    positionMM: bybitDecimal(Number((engine.maintenanceMargin(m.id) || 0).toFixed(8))),
    positionIM: bybitDecimal(size === 0 ? 0 : Number((mul(size, mark) / leverage).toFixed(8))),
    tpslMode: 'Full',
    takeProfit: '',
    stopLoss: '',
    trailingStop: '0',
    unrealisedPnl: bybitDecimal(Number((sub(mark, p.entryPrice) * p.amount).toFixed(8))),
    curRealisedPnl: '0',
    cumRealisedPnl: '0',
    sessionAvgPrice: '',
    delta: '',
    gamma: '',
    vega: '',
    theta: '',
    createdTime: String(serverTime),
    updatedTime: String(serverTime),
    seq: 0,
    isReduceOnly: false,
    mmrSysUpdatedTime: '',
    leverageSysUpdatedTime: '',
  };
};

/**
 * `/v5/account/wallet-balance` (and the `wallet` topic) of a unified account trading USDT
 * perpetuals: one coin, the settlement asset; equity is the wallet plus unrealized profit,
 * what is free for orders is the futures engine's available balance.
 */
export const linearWalletJson = (engine: FuturesEngine) => {
  const { account } = engine;
  const markOf = (symbol: string) => engine.mark(symbol) ?? 0;
  const wallet = account.wallet();
  const upnl = account.unrealizedProfit(markOf);
  const equity = add(wallet, upnl);
  const positionIM = account.positionMargin(markOf);
  const orderIM = engine.openOrderMargin();
  const mm = engine.maintenanceMargin();
  const available = engine.availableBalance();
  const d = (n: number) => bybitDecimal(Number(n.toFixed(8)));
  return {
    accountType: 'UNIFIED',
    accountIMRate: equity > 0 ? d((positionIM + orderIM) / equity) : '0',
    accountMMRate: equity > 0 ? d(mm / equity) : '0',
    totalEquity: d(equity),
    totalWalletBalance: d(wallet),
    totalMarginBalance: d(equity),
    totalAvailableBalance: d(available),
    totalPerpUPL: d(upnl),
    totalInitialMargin: d(positionIM + orderIM),
    totalMaintenanceMargin: d(mm),
    accountLTV: '0',
    coin: [
      {
        coin: account.asset,
        equity: d(equity),
        usdValue: d(equity),
        walletBalance: d(wallet),
        free: '',
        locked: d(orderIM),
        spotHedgingQty: '0',
        borrowAmount: '0',
        availableToWithdraw: d(available),
        accruedInterest: '0',
        totalOrderIM: d(orderIM),
        totalPositionIM: d(positionIM),
        totalPositionMM: d(mm),
        unrealisedPnl: d(upnl),
        cumRealisedPnl: '0',
        bonus: '0',
        marginCollateral: true,
        collateralSwitch: true,
      },
    ],
  };
};
