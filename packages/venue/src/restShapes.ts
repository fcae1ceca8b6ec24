import type { BalanceLine } from './account';
import { decimalText } from './decimalText';
import type { ResponseType } from './orderRequest';
import type { VenueMarket } from './venueMarket';
import { isOpen, isStopType, type VenueOrder, type VenueTrade } from './venueOrder';

/** The JSON shapes of Binance's spot REST answers, field for field, so ccxt parses them as real ones. */

const orderCore = (o: VenueOrder) => ({
  symbol: o.symbol,
  orderId: o.orderId,
  orderListId: -1,
  clientOrderId: o.clientOrderId,
});

const orderState = (o: VenueOrder) => ({
  price: decimalText(o.price ?? 0),
  origQty: decimalText(o.quantity),
  executedQty: decimalText(o.executedQty),
  origQuoteOrderQty: decimalText(o.quoteOrderQty ?? 0),
  cummulativeQuoteQty: decimalText(o.cumulativeQuoteQty),
  status: o.status,
  timeInForce: o.timeInForce,
  type: o.type,
  side: o.side,
  ...(isStopType(o.type) ? { stopPrice: decimalText(o.stopPrice ?? 0) } : {}),
  workingTime: o.triggered ? o.time : -1,
  selfTradePreventionMode: 'NONE',
});

const isWorking = (o: VenueOrder): boolean => isOpen(o) && o.triggered;

/** `GET /api/v3/order`, `openOrders`, `allOrders`. */
export const orderJson = (o: VenueOrder) => ({
  ...orderCore(o),
  ...orderState(o),
  stopPrice: decimalText(o.stopPrice ?? 0),
  icebergQty: decimalText(0),
  time: o.time,
  updateTime: o.updateTime,
  isWorking: isWorking(o),
});

const fillJson = (market: VenueMarket, t: VenueTrade) => ({
  price: decimalText(t.price),
  qty: decimalText(t.qty),
  commission: decimalText(t.commission),
  commissionAsset: t.commissionAsset,
  tradeId: t.id,
});

/** `POST /api/v3/order`, in the detail `newOrderRespType` asks for. */
export const newOrderJson = (
  market: VenueMarket,
  o: VenueOrder,
  fills: readonly VenueTrade[],
  responseType: ResponseType,
  transactTime: number,
) => {
  const ack = { ...orderCore(o), transactTime };
  if (responseType === 'ACK') return ack;
  const result = { ...ack, ...orderState(o) };
  if (responseType === 'RESULT') return result;
  return { ...result, fills: fills.map((t) => fillJson(market, t)) };
};

/** `DELETE /api/v3/order`: `clientOrderId` is the cancel request's own id, as on Binance. */
export const canceledOrderJson = (
  o: VenueOrder,
  cancelClientOrderId: string,
  transactTime: number,
) => ({
  symbol: o.symbol,
  origClientOrderId: o.clientOrderId,
  orderId: o.orderId,
  orderListId: -1,
  clientOrderId: cancelClientOrderId,
  transactTime,
  ...orderState(o),
});

/** `GET /api/v3/myTrades`. */
export const myTradeJson = (market: VenueMarket, t: VenueTrade) => ({
  symbol: market.id,
  id: t.id,
  orderId: t.orderId,
  orderListId: -1,
  price: decimalText(t.price),
  qty: decimalText(t.qty),
  quoteQty: decimalText(t.quoteQty),
  commission: decimalText(t.commission),
  commissionAsset: t.commissionAsset,
  time: t.time,
  isBuyer: t.side === 'BUY',
  isMaker: t.isMaker,
  isBestMatch: true,
});

/** `GET /api/v3/account`: a spot account that may trade and nothing else. */
export const accountJson = (lines: readonly BalanceLine[], now: number) => ({
  makerCommission: 0,
  takerCommission: 0,
  buyerCommission: 0,
  sellerCommission: 0,
  commissionRates: {
    maker: decimalText(0),
    taker: decimalText(0),
    buyer: decimalText(0),
    seller: decimalText(0),
  },
  canTrade: true,
  canWithdraw: false,
  canDeposit: false,
  brokered: false,
  requireSelfTradePrevention: false,
  preventSor: false,
  updateTime: now,
  accountType: 'SPOT',
  balances: lines.map((b) => ({
    asset: b.asset,
    free: decimalText(b.free),
    locked: decimalText(b.locked),
  })),
  permissions: ['SPOT'],
});
