import type { Order } from 'ccxt';
import { ccxt } from './ccxtModule';
import type { Side } from '@smart-orders/core';
import type { ExchangeOrder, ExchangeOrderStatus, OrderType } from '@smart-orders/engine';
import type { CcxtExchangeId } from './exchangeIds';
import { isNativeStopId } from './nativeStopId';
import { asPlainOrder } from './triggerOrderView';
import { clientOrderIdFromWire } from './wireClientOrderId';

const STATUS: Record<string, ExchangeOrderStatus> = {
  open: 'OPEN',
  closed: 'FILLED',
  canceled: 'CANCELED',
  cancelled: 'CANCELED',
  expired: 'EXPIRED',
  rejected: 'REJECTED',
};

const toNumber = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** Venue units to the base asset: contracts × contract size, in exact decimals. */
export const toBase = (units: number, contractSize: number): number =>
  contractSize === 1 ? units : Number(ccxt.Precise.stringMul(String(units), String(contractSize)));

// Kraken's WebSocket orders put `order_userref` where the client order id belongs and leave
// the cumulative quantity in `cum_qty`; its REST orders are parsed right.
const rawInfo = (order: Order): Record<string, unknown> =>
  (order.info ?? {}) as Record<string, unknown>;

// An okx algo order's client id is `algoClOrdId` (ccxt reads `clOrdId`, empty there); the
// order it triggers carries it too, so the stream's view of that order reaches the stop.
const INFO_CLIENT_ID: Partial<Record<CcxtExchangeId, string>> = {
  kraken: 'cl_ord_id',
  okx: 'algoClOrdId',
};

export const wireClientOrderIdOf = (
  exchangeId: CcxtExchangeId,
  order: Order,
): string | undefined => {
  const key = INFO_CLIENT_ID[exchangeId];
  const fromInfo = key === undefined ? undefined : rawInfo(order)[key];
  const wire = typeof fromInfo === 'string' && fromInfo !== '' ? fromInfo : order.clientOrderId;
  return typeof wire === 'string' && wire !== '' ? wire : undefined;
};

export const filledUnitsOf = (exchangeId: CcxtExchangeId, order: Order): number | undefined => {
  const filled = toNumber(order.filled);
  if (filled !== undefined) return filled;
  if (exchangeId === 'kraken') return toNumber(rawInfo(order)['cum_qty']);
  const amount = toNumber(order.amount);
  const remaining = toNumber(order.remaining);
  return amount !== undefined && remaining !== undefined
    ? Math.max(0, amount - remaining)
    : undefined;
};

export interface OrderContext {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  /** Base quantity asked for. */
  readonly quantity: number;
  readonly contractSize: number;
}

/** The port's view of a ccxt order; `context` fills what a terse venue answer leaves out. */
export const toExchangeOrder = (
  exchangeId: CcxtExchangeId,
  venueOrder: Order,
  context: OrderContext,
): ExchangeOrder => {
  const order = asPlainOrder(exchangeId, venueOrder);
  const cs = context.contractSize;
  const wire = wireClientOrderIdOf(exchangeId, order);
  const clientOrderId =
    wire === undefined ? context.clientOrderId : clientOrderIdFromWire(exchangeId, wire);
  const status = STATUS[String(order.status ?? 'open').toLowerCase()] ?? 'OPEN';
  const amount = toNumber(order.amount);
  const quantity = amount === undefined ? context.quantity : toBase(amount, cs);
  const filledUnits = filledUnitsOf(exchangeId, order);
  const filledQuantity =
    filledUnits !== undefined ? toBase(filledUnits, cs) : status === 'FILLED' ? quantity : 0;
  const average = toNumber(order.average);
  const cost = toNumber(order.cost);
  const averagePrice =
    filledQuantity <= 0
      ? null
      : (average ?? (cost !== undefined ? Number((cost / filledQuantity).toPrecision(12)) : null));
  const type = String(order.type ?? '').toLowerCase();
  const updatedAt = order.lastUpdateTimestamp ?? order.lastTradeTimestamp ?? order.timestamp;
  const stop = isNativeStopId(clientOrderId);
  const stopPrice = toNumber(order.triggerPrice ?? order.stopPrice);
  return {
    clientOrderId,
    exchangeOrderId: order.id ?? '',
    symbol: order.symbol ?? context.symbol,
    side: order.side === 'sell' ? 'SELL' : order.side === 'buy' ? 'BUY' : context.side,
    type: stop ? 'STOP' : type === 'market' ? 'MARKET' : type === 'limit' ? 'LIMIT' : context.type,
    status,
    quantity,
    filledQuantity,
    averagePrice,
    price: stop ? null : (toNumber(order.price) ?? null),
    ...(stop ? { stopPrice: stopPrice ?? null } : {}),
    ...(typeof updatedAt === 'number' ? { updatedAt } : {}),
  };
};
