import type { OrderView } from '@smart-orders/core';
import type { PlanRejection } from '@smart-orders/engine';
import { alignColumns } from './alignColumns';
import { averageText, isoTime, moneyText } from './numberText';
import type { AccountExit } from './accountExits';
import { pnlTotals, printedExitPnl, printedPnl } from './pnlTotals';
import { statusText } from './statusText';
import { stopText } from './stopText';

export interface SummaryOptions {
  /** Decimals of the realised P&L, in the quote currency. */
  readonly pnlDecimals?: number;
  /** What accounts traded to flatten after a trip: a row each, counted in the totals. */
  readonly accountExits?: readonly AccountExit[];
}

const rejectionLine = (r: PlanRejection): string => {
  const orderId = 'orderId' in r.command ? ` ${r.command.orderId}` : '';
  return `  ${isoTime(r.at)}  ${r.command.type}${orderId}: ${r.error.code}: ${r.error.message}`;
};

/**
 * A replay's outcome: one row per order (status, TP progress, realised P&L gross, fees and
 * net, entry, binding stop), a row per account flatten after a kill-switch trip, the P&L per
 * quote currency, then the plan commands the engine refused.
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
      statusText(v),
      v.progress,
      moneyText(m.gross, decimals),
      moneyText(m.fees, decimals),
      moneyText(m.net, decimals),
      v.entryPrice === null ? '—' : averageText(v.entryPrice),
      stopText(v),
    ];
  });
  const exits = options.accountExits ?? [];
  const exitRows = exits.map((x) => {
    const m = printedExitPnl(x, decimals);
    return [
      `account ${x.accountId}`,
      x.symbol,
      x.side,
      'FLATTEN',
      '—',
      moneyText(m.gross, decimals),
      moneyText(m.fees, decimals),
      moneyText(m.net, decimals),
      '—',
      '—',
    ];
  });
  const table = alignColumns(
    [
      ['ORDER', 'SYMBOL', 'SIDE', 'STATUS', 'TP', 'GROSS', 'FEES', 'NET P&L', 'ENTRY', 'STOP'],
      ...rows,
      ...exitRows,
    ],
    ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
  const lines =
    views.length === 0 && exits.length === 0
      ? ['no orders']
      : [...table, '', ...pnlTotals(views, decimals, exits)];
  if (rejections.length > 0)
    lines.push(
      '',
      `rejected plan commands (${rejections.length}):`,
      ...rejections.map(rejectionLine),
    );
  return lines.join('\n');
};
