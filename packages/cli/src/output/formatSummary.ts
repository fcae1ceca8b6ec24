import type { OrderView } from '@smart-orders/core';
import type { PlanRejection } from '@smart-orders/engine';
import { alignColumns } from './alignColumns';
import { fixedText, isoTime, numberText } from './numberText';
import { stopText } from './stopText';

export interface SummaryOptions {
  /** Decimals of the realised P&L, in the quote currency. */
  readonly pnlDecimals?: number;
}

const quoteOf = (symbol: string): string => symbol.split('/')[1]?.split(':')[0] ?? symbol;

const totals = (views: readonly OrderView[], decimals: number): string[] => {
  const byQuote = new Map<string, number>();
  // Summing in integer units of the last decimal shown keeps 0.1 + 0.2 from printing 0.30000000000000004.
  const scale = 10 ** decimals;
  for (const v of views)
    byQuote.set(
      quoteOf(v.symbol),
      (byQuote.get(quoteOf(v.symbol)) ?? 0) + Math.round(v.realisedPnl * scale),
    );
  return [...byQuote].map(
    ([quote, units]) => `realised P&L: ${fixedText(units / scale, decimals)} ${quote}`,
  );
};

const rejectionLine = (r: PlanRejection): string => {
  const orderId = 'orderId' in r.command ? ` ${r.command.orderId}` : '';
  return `  ${isoTime(r.at)}  ${r.command.type}${orderId}: ${r.error.code}: ${r.error.message}`;
};

/**
 * A replay's outcome: one row per order (status, TP progress, realised P&L, entry, binding
 * stop), the P&L per quote currency, then the plan commands the engine refused.
 */
export const formatSummary = (
  views: readonly OrderView[],
  rejections: readonly PlanRejection[],
  options: SummaryOptions = {},
): string => {
  const decimals = options.pnlDecimals ?? 2;
  const rows = views.map((v) => [
    v.orderId,
    v.symbol,
    v.side,
    v.status,
    v.progress,
    fixedText(v.realisedPnl, decimals),
    v.entryPrice === null ? '—' : numberText(v.entryPrice),
    stopText(v),
  ]);
  const table = alignColumns(
    [['ORDER', 'SYMBOL', 'SIDE', 'STATUS', 'TP', 'REALISED P&L', 'ENTRY', 'STOP'], ...rows],
    ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'left'],
  );
  const lines = views.length === 0 ? ['no orders'] : [...table, '', ...totals(views, decimals)];
  if (rejections.length > 0)
    lines.push(
      '',
      `rejected plan commands (${rejections.length}):`,
      ...rejections.map(rejectionLine),
    );
  return lines.join('\n');
};
