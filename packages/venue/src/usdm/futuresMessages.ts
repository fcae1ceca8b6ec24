import { decimalText } from '../decimalText';
import type { VenueMarket } from '../venueMarket';
import type { FuturesEngine, FuturesExecType } from './futuresEngine';
import type { AlgoOrder, FuturesOrder, FuturesTrade } from './futuresOrder';

/** The JSON of Binance USDⓈ-M answers and user-data events, field for field, as ccxt parses them. */

const d = decimalText;

/** `GET /fapi/v1/exchangeInfo`: perpetuals with the filters the venue enforces. */
export const fapiExchangeInfoJson = (markets: readonly VenueMarket[], serverTime: number) => ({
  timezone: 'UTC',
  serverTime,
  futuresType: 'U_MARGINED',
  rateLimits: [
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
    { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
  ],
  exchangeFilters: [],
  assets: [...new Set(markets.map((m) => m.quote))].map((asset) => ({
    asset,
    marginAvailable: true,
    autoAssetExchange: '0',
  })),
  symbols: markets.map((m) => {
    const r = m.rules;
    const decimals = (x: number) => Math.max(0, Math.round(-Math.log10(x)));
    return {
      symbol: m.id,
      pair: m.id,
      contractType: 'PERPETUAL',
      deliveryDate: 4133404800000,
      onboardDate: 1569398400000,
      status: 'TRADING',
      maintMarginPercent: '2.5000',
      requiredMarginPercent: '5.0000',
      baseAsset: m.base,
      quoteAsset: m.quote,
      marginAsset: m.quote,
      pricePrecision: decimals(r.tickSize),
      quantityPrecision: decimals(r.stepSize),
      baseAssetPrecision: 8,
      quotePrecision: 8,
      underlyingType: 'COIN',
      underlyingSubType: [],
      triggerProtect: '0.0500',
      liquidationFee: '0.012500',
      marketTakeBound: '0.05',
      maxMoveOrderLimit: 10000,
      filters: [
        {
          filterType: 'PRICE_FILTER',
          minPrice: d(r.minPrice),
          maxPrice: d(r.maxPrice),
          tickSize: d(r.tickSize),
        },
        {
          filterType: 'LOT_SIZE',
          minQty: d(r.minQty),
          maxQty: d(r.maxQty),
          stepSize: d(r.stepSize),
        },
        {
          filterType: 'MARKET_LOT_SIZE',
          minQty: d(r.minQty),
          maxQty: d(r.maxQty),
          stepSize: d(r.stepSize),
        },
        { filterType: 'MAX_NUM_ORDERS', limit: 200 },
        { filterType: 'MAX_NUM_ALGO_ORDERS', limit: 10 },
        { filterType: 'MIN_NOTIONAL', notional: d(r.minNotional) },
        {
          filterType: 'PERCENT_PRICE',
          multiplierUp: '1.0500',
          multiplierDown: '0.9500',
          multiplierDecimal: '4',
        },
      ],
      orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET'],
      timeInForce: ['GTC', 'IOC', 'FOK', 'GTX'],
      permissionSets: ['GRID', 'COPY'],
    };
  }),
});

/** `GET /fapi/v1/order`, `openOrders`, `allOrders`, and `POST order` (RESULT). */
export const futuresOrderJson = (o: FuturesOrder) => ({
  orderId: o.orderId,
  symbol: o.symbol,
  status: o.status,
  clientOrderId: o.clientOrderId,
  price: d(o.price),
  avgPrice: d(o.avgPrice),
  origQty: d(o.quantity),
  executedQty: d(o.executedQty),
  cumQty: d(o.executedQty),
  cumQuote: d(o.cumQuote),
  timeInForce: o.timeInForce,
  type: o.type,
  reduceOnly: o.reduceOnly,
  closePosition: o.closePosition,
  side: o.side,
  positionSide: o.positionSide,
  stopPrice: d(o.stopPrice),
  workingType: 'CONTRACT_PRICE',
  priceProtect: false,
  origType: o.origType,
  priceMatch: 'NONE',
  selfTradePreventionMode: 'NONE',
  goodTillDate: 0,
  time: o.time,
  updateTime: o.updateTime,
});

/** The algo service's order (`POST`/`GET`/`DELETE /fapi/v1/algoOrder`, `openAlgoOrders`). */
export const algoOrderJson = (a: AlgoOrder) => ({
  algoId: a.algoId,
  clientAlgoId: a.clientAlgoId,
  algoType: 'CONDITIONAL',
  orderType: a.orderType,
  symbol: a.symbol,
  side: a.side,
  positionSide: a.positionSide,
  timeInForce: 'GTC',
  quantity: d(a.quantity),
  algoStatus: a.algoStatus,
  actualOrderId: a.actualOrderId,
  actualPrice: d(a.avgPrice),
  triggerPrice: d(a.triggerPrice),
  price: d(0),
  icebergQuantity: null,
  selfTradePreventionMode: 'NONE',
  workingType: a.workingType,
  priceMatch: 'NONE',
  closePosition: a.closePosition,
  priceProtect: false,
  reduceOnly: a.reduceOnly,
  createTime: a.createTime,
  updateTime: a.updateTime,
  triggerTime: a.triggerTime,
  goodTillDate: 0,
});

/** `GET /fapi/v1/userTrades`. */
export const futuresTradeJson = (market: VenueMarket, t: FuturesTrade) => ({
  buyer: t.side === 'BUY',
  commission: d(t.commission),
  commissionAsset: market.quote,
  id: t.id,
  maker: t.maker,
  orderId: t.orderId,
  price: d(t.price),
  qty: d(t.qty),
  quoteQty: d(t.quoteQty),
  realizedPnl: d(t.realizedPnl),
  side: t.side,
  positionSide: t.positionSide,
  symbol: t.symbol,
  time: t.time,
});

/** `GET /fapi/v3/positionRisk` (and v2): open positions with their mark, margins and liquidation price. */
export const positionRiskJson = (engine: FuturesEngine, now: number) =>
  engine.account.positions().map((p) => {
    const mark = engine.mark(p.symbol) ?? p.entryPrice;
    const notional = p.amount * mark;
    const leverage = engine.account.leverage(p.symbol);
    const initial = Math.abs(notional) / leverage;
    return {
      symbol: p.symbol,
      positionSide: p.positionSide,
      positionAmt: d(p.amount),
      entryPrice: d(p.entryPrice),
      breakEvenPrice: d(p.entryPrice),
      markPrice: d(mark),
      unRealizedProfit: d(p.amount * (mark - p.entryPrice)),
      liquidationPrice: d(engine.liquidationPrice(p.symbol, p.positionSide)),
      isolatedMargin: d(0),
      notional: d(notional),
      marginAsset: engine.account.asset,
      isolatedWallet: d(0),
      initialMargin: d(initial),
      maintMargin: d(engine.maintenanceMargin(p.symbol)),
      positionInitialMargin: d(initial),
      openOrderInitialMargin: d(0),
      adl: 0,
      bidNotional: d(0),
      askNotional: d(0),
      leverage: String(leverage),
      marginType: engine.account.marginType(p.symbol) === 'CROSSED' ? 'cross' : 'isolated',
      isolated: engine.account.marginType(p.symbol) === 'ISOLATED',
      maxNotionalValue: d(1_000_000_000),
      updateTime: now,
    };
  });

/** `GET /fapi/v3/account` (and v2): one asset, the settlement one. */
export const futuresAccountJson = (engine: FuturesEngine, now: number) => {
  const mark = (s: string) => engine.mark(s) ?? 0;
  const wallet = engine.account.wallet();
  const unrealized = engine.account.unrealizedProfit(mark);
  const positionMargin = engine.account.positionMargin(mark);
  const orderMargin = engine.openOrderMargin();
  const available = engine.availableBalance();
  const maint = engine.maintenanceMargin();
  const asset = {
    asset: engine.account.asset,
    walletBalance: d(wallet),
    unrealizedProfit: d(unrealized),
    marginBalance: d(wallet + unrealized),
    maintMargin: d(maint),
    initialMargin: d(positionMargin + orderMargin),
    positionInitialMargin: d(positionMargin),
    openOrderInitialMargin: d(orderMargin),
    crossWalletBalance: d(wallet),
    crossUnPnl: d(unrealized),
    availableBalance: d(available),
    maxWithdrawAmount: d(available),
    marginAvailable: true,
    updateTime: now,
  };
  return {
    totalInitialMargin: asset.initialMargin,
    totalMaintMargin: asset.maintMargin,
    totalWalletBalance: asset.walletBalance,
    totalUnrealizedProfit: asset.unrealizedProfit,
    totalMarginBalance: asset.marginBalance,
    totalPositionInitialMargin: asset.positionInitialMargin,
    totalOpenOrderInitialMargin: asset.openOrderInitialMargin,
    totalCrossWalletBalance: asset.crossWalletBalance,
    totalCrossUnPnl: asset.crossUnPnl,
    availableBalance: asset.availableBalance,
    maxWithdrawAmount: asset.maxWithdrawAmount,
    assets: [asset],
    positions: positionRiskJson(engine, now).map((p) => ({
      symbol: p.symbol,
      positionSide: p.positionSide,
      positionAmt: p.positionAmt,
      unrealizedProfit: p.unRealizedProfit,
      isolatedMargin: p.isolatedMargin,
      notional: p.notional,
      isolatedWallet: p.isolatedWallet,
      initialMargin: p.initialMargin,
      maintMargin: p.maintMargin,
      updateTime: now,
    })),
  };
};

/** `ORDER_TRADE_UPDATE` on the user-data stream; `T` and `E` are market time. */
export const orderTradeUpdateJson = (
  o: FuturesOrder,
  execType: FuturesExecType,
  trade: FuturesTrade | null,
  asset: string,
  ts: number,
) => ({
  e: 'ORDER_TRADE_UPDATE',
  E: ts,
  T: ts,
  o: {
    s: o.symbol,
    c: o.clientOrderId,
    S: o.side,
    o: o.type,
    f: o.timeInForce,
    q: d(o.quantity),
    p: d(o.price),
    ap: d(o.avgPrice),
    sp: d(o.stopPrice),
    x: execType,
    X: o.status,
    i: o.orderId,
    l: d(trade?.qty ?? 0),
    z: d(o.executedQty),
    L: d(trade?.price ?? 0),
    N: asset,
    // This execution's own commission, as Binance sends it.
    n: d(trade?.commission ?? 0),
    T: ts,
    t: trade?.id ?? 0,
    b: d(0),
    a: d(0),
    m: trade?.maker ?? false,
    R: o.reduceOnly,
    wt: 'CONTRACT_PRICE',
    ot: o.origType,
    ps: o.positionSide,
    cp: o.closePosition,
    rp: d(trade?.realizedPnl ?? 0),
    pP: false,
    si: 0,
    ss: 0,
    V: 'NONE',
    pm: 'NONE',
    gtd: 0,
  },
});

/** `ALGO_UPDATE`: the algo order's state; `ai`, `ap`, `aq` once it has placed its order. */
export const algoUpdateJson = (a: AlgoOrder, ts: number) => ({
  e: 'ALGO_UPDATE',
  T: ts,
  E: ts,
  o: {
    caid: a.clientAlgoId,
    aid: a.algoId,
    at: 'CONDITIONAL',
    o: a.orderType,
    s: a.symbol,
    S: a.side,
    ps: a.positionSide,
    f: 'GTC',
    q: d(a.quantity),
    X: a.algoStatus,
    ai: a.actualOrderId,
    ap: d(a.avgPrice),
    aq: d(a.executedQty),
    act: a.actualOrderId === '' ? '0' : 'MARKET',
    tp: d(a.triggerPrice),
    p: d(0),
    V: 'NONE',
    wt: a.workingType,
    pm: 'NONE',
    cp: a.closePosition,
    pP: false,
    R: a.reduceOnly,
    tt: a.triggerTime,
    gtd: 0,
  },
});

/** `ACCOUNT_UPDATE`: the wallet and every position of the account. */
export const accountUpdateJson = (engine: FuturesEngine, reason: string, ts: number) => ({
  e: 'ACCOUNT_UPDATE',
  E: ts,
  T: ts,
  a: {
    m: reason,
    B: [
      {
        a: engine.account.asset,
        wb: d(engine.account.wallet()),
        cw: d(engine.account.wallet()),
        bc: d(0),
      },
    ],
    P: engine.account.positions().map((p) => ({
      s: p.symbol,
      pa: d(p.amount),
      ep: d(p.entryPrice),
      bep: d(p.entryPrice),
      cr: d(0),
      up: d(p.amount * ((engine.mark(p.symbol) ?? p.entryPrice) - p.entryPrice)),
      mt: engine.account.marginType(p.symbol) === 'CROSSED' ? 'cross' : 'isolated',
      iw: d(0),
      ps: p.positionSide,
    })),
  },
});
