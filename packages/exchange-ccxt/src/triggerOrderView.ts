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

/**
 * The order a triggered stop put in the matching engine, where the venue gives it an id of
 * its own (binance `actualOrderId`, `ai` in ALGO_UPDATE): its fills are the stop's.
 */
export const childOrderIdOf = (exchangeId: CcxtExchangeId, order: Order): string | undefined =>
  isBinanceAlgo(exchangeId, order)
    ? text(info(order)['actualOrderId'] ?? info(order)['ai'])
    : undefined;

/**
 * A venue's trigger order as an ordinary order: working until its triggered order ends, with
 * that order's fill. ccxt reads binance's algo statuses TRIGGERED and FINISHED as `closed` and
 * then takes the whole amount as filled, while FINISHED also means that the triggered order
 * was cancelled or expired (a reduce-only order finding no position); the fill is only in
 * ALGO_UPDATE's `aq`/`ap`, or in the triggered order itself (the lookup reads it there).
 */
export const asPlainOrder = (exchangeId: CcxtExchangeId, order: Order): Order => {
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
