import type { Order } from 'ccxt';
import type { CcxtExchangeId } from './exchangeIds';

const info = (order: Order): Record<string, unknown> =>
  (order.info ?? {}) as Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  (typeof value === 'string' && value !== '') || typeof value === 'number'
    ? String(value)
    : undefined;

const positive = (value: unknown): number | undefined => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

// A binance USDⓈ-M algo order: REST answers carry `algoId`, the ALGO_UPDATE event `aid`.
const isBinanceAlgo = (exchangeId: CcxtExchangeId, order: Order): boolean =>
  exchangeId === 'binance' && ('algoId' in info(order) || 'aid' in info(order));

// An okx algo order (order-algo, orders-algo-pending): the order it triggers also carries
// `algoId`, but only the algo record has `actualSz`.
const isOkxAlgo = (exchangeId: CcxtExchangeId, order: Order): boolean =>
  exchangeId === 'okx' && 'actualSz' in info(order) && 'algoId' in info(order);

const firstOf = (value: unknown): string | undefined =>
  Array.isArray(value) ? text(value[0]) : undefined;

/**
 * The order a triggered stop put in the matching engine, where the venue gives it an id of
 * its own (binance `actualOrderId`, `ai` in ALGO_UPDATE; okx `ordIdList`, `ordId`): its
 * fills are the stop's.
 */
export const childOrderIdOf = (exchangeId: CcxtExchangeId, order: Order): string | undefined => {
  if (isBinanceAlgo(exchangeId, order))
    return text(info(order)['actualOrderId'] ?? info(order)['ai']);
  if (isOkxAlgo(exchangeId, order))
    return firstOf(info(order)['ordIdList']) ?? text(info(order)['ordId']);
  return undefined;
};

// okx algo states: `effective` means triggered, the triggered order then holds the outcome;
// `order_failed` means the triggered order could not be placed (a reduce-only order with no
// position left), which binance calls FINISHED without a fill.
const OKX_ALGO_STATUS: Record<string, Order['status']> = {
  live: 'open',
  pause: 'open',
  partially_effective: 'open',
  effective: 'open',
  canceled: 'canceled',
  order_failed: 'expired',
};

const okxAlgoView = (order: Order): Order => {
  const raw = info(order);
  const amount = order.amount ?? 0;
  return {
    ...order,
    status: OKX_ALGO_STATUS[String(raw['state'] ?? 'live')] ?? 'open',
    triggerPrice: positive(raw['slTriggerPx']) ?? positive(raw['triggerPx']),
    filled: 0,
    remaining: amount,
    average: undefined,
    cost: undefined,
  } as Order;
};

/**
 * A venue's trigger order as an ordinary order: working until its triggered order ends, with
 * that order's fill (okx algo records carry none). ccxt reads binance's algo statuses
 * TRIGGERED and FINISHED as `closed` and then takes the whole amount as filled, while FINISHED also means that the triggered order
 * was cancelled or expired (a reduce-only order finding no position); the fill is only in
 * ALGO_UPDATE's `aq`/`ap`, or in the triggered order itself (the lookup reads it there).
 */
export const asPlainOrder = (exchangeId: CcxtExchangeId, order: Order): Order => {
  if (isOkxAlgo(exchangeId, order)) return okxAlgoView(order);
  if (!isBinanceAlgo(exchangeId, order)) return order;
  const raw = info(order);
  const algoStatus = String(raw['algoStatus'] ?? raw['X'] ?? '').toUpperCase();
  const executed = raw['aq'] === undefined ? undefined : Number(raw['aq']);
  const filled = Number.isFinite(executed) ? (executed as number) : 0;
  const average = positive(raw['ap']) ?? positive(raw['actualPrice']);
  const amount = order.amount ?? 0;
  const status =
    algoStatus === 'NEW' || algoStatus === 'TRIGGERING' || algoStatus === 'TRIGGERED'
      ? 'open'
      : algoStatus === 'FINISHED'
        ? filled > 0 && filled >= amount
          ? 'closed'
          : 'expired'
        : order.status;
  return {
    ...order,
    status: status as Order['status'],
    filled,
    remaining: Math.max(0, amount - filled),
    average: filled > 0 ? average : undefined,
    cost: undefined,
  } as Order;
};
