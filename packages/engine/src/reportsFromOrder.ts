import type { ExchangeOrder, ExchangeReport } from './ports/exchange';

/**
 * What an order looked up (or returned by a create or cancel) says, as execution reports.
 * A fill is reported by its cumulative quantity, so reports the stream already delivered
 * change nothing when they are folded again.
 */
export const reportsFromOrder = (order: ExchangeOrder, fallbackTs: number): ExchangeReport[] => {
  const base = {
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    ts: order.updatedAt ?? fallbackTs,
    exchangeOrderId: order.exchangeOrderId,
  };
  const reports: ExchangeReport[] = [];
  if (order.filledQuantity > 0 && order.averagePrice !== null) {
    reports.push({
      ...base,
      execType: 'TRADE',
      lastPrice: order.averagePrice,
      cumulativeQuantity: order.filledQuantity,
    });
  }
  if (order.status === 'CANCELED' || order.status === 'EXPIRED' || order.status === 'REJECTED') {
    reports.push({
      ...base,
      execType: order.status === 'REJECTED' ? 'REJECTED' : order.status,
      cumulativeQuantity: order.filledQuantity,
    });
  } else if (order.status === 'OPEN' && order.filledQuantity === 0) {
    reports.push({ ...base, execType: 'NEW' });
  }
  return reports;
};
