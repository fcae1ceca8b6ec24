import type { OrderView } from '@smart-orders/core';
import type { PlanRejection } from '@smart-orders/engine';
import { alignColumns } from './alignColumns';
import { isoTime, moneyText, numberText } from './numberText';
import { pnlTotals, printedPnl } from './pnlTotals';
import { stopText } from './stopText';

export interface SummaryOptions {
  /** Decimals of the realised P&L, in the quote currency. */
  readonly pnlDecimals?: number;
}

const rejectionLine = (r: PlanRejection): string => {
  const orderId = 'orderId' in r.command ? ` ${r.command.orderId}` : '';
  return `  ${isoTime(r.at)}  ${r.command.type}${orderId}: ${r.error.code}: ${r.error.message}`;
};

/**
 * A replay's outcome: one row per order (status, TP progress, realised P&L gross, fees and
 * net, entry, binding stop), the P&L per quote currency, then the plan commands the engine
 * refused.
 */
export const formatSummary = (
  views: readonly OrderView[],
  rejections: readonly PlanRejection[],
  options: SummaryOptions = {},
): string => {
  const decimals = options.pnlDecimals ?? 2;
  const rows = views.map((v) => {
    const m = printedPnl(v, decimals);
    return [
      v.orderId,
      v.symbol,
      v.side,
      v.status,
      v.progress,
      moneyText(m.gross, decimals),
      moneyText(m.fees, decimals),
      moneyText(m.net, decimals),
      v.entryPrice === null ? '—' : numberText(v.entryPrice),
      stopText(v),
    ];
  });
  const table = alignColumns(
    [
      ['ORDER', 'SYMBOL', 'SIDE', 'STATUS', 'TP', 'GROSS', 'FEES', 'NET P&L', 'ENTRY', 'STOP'],
      ...rows,
    ],
    ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
  const lines = views.length === 0 ? ['no orders'] : [...table, '', ...pnlTotals(views, decimals)];
  if (rejections.length > 0)
    lines.push(
      '',
      `rejected plan commands (${rejections.length}):`,
      ...rejections.map(rejectionLine),
    );
  return lines.join('\n');
};
