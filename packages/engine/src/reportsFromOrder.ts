import type { ExchangeOrder, ExchangeReport } from './ports/exchange';

/**
 * What an order looked up (or returned by a create or cancel) says, as execution reports.
 * A fill is reported by its cumulative quantity, so reports the stream already delivered
 * change nothing when they are folded again; an answer that lists its executions (with their
 * fees) is reported execution by execution.
 */
export const reportsFromOrder = (order: ExchangeOrder, fallbackTs: number): ExchangeReport[] => {
  const base = {
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    ts: order.updatedAt ?? fallbackTs,
    exchangeOrderId: order.exchangeOrderId,
  };
  const reports: ExchangeReport[] = [];
  const listed = order.fills ?? [];
  if (listed.length > 0) reports.push(...listed);
  else if (order.filledQuantity > 0 && order.averagePrice !== null) {
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

/**
 * The answer to a cancel of an order that is provably not on the exchange (never sent, or
 * looked up and absent): cancelled, nothing filled, so that a smart order waiting for its
 * entry's cancel to be confirmed (SEMANTICS §4) ends.
 */
export const neverOnExchange = (
  clientOrderId: string,
  symbol: string,
  ts: number,
): ExchangeReport => ({
  clientOrderId,
  symbol,
  ts,
  execType: 'CANCELED',
  cumulativeQuantity: 0,
  reason: 'not on the exchange: never sent, or looked up and absent',
});
