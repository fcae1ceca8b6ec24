import type { OrderView } from '@smart-orders/core';
import { alignColumns } from './alignColumns';
import { moneyText, numberText } from './numberText';
import { pnlTotals, printedPnl } from './pnlTotals';
import { statusText } from './statusText';
import { stopText } from './stopText';

export type StatusFormat = 'table' | 'json';

/** What `status --format json` prints for one order. */
export interface StatusRow {
  readonly orderId: string;
  readonly symbol: string;
  readonly side: string;
  readonly status: string;
  readonly progress: string;
  readonly effectiveStop: { readonly price: number; readonly kind: string } | null;
  /** High-water mark of a long's trailing stop (low-water of a short); null until armed. */
  readonly trailingMark: number | null;
  /** Realised P&L in the quote asset (SEMANTICS §9.2): `fees + net = gross`. */
  readonly realisedPnl: { readonly gross: number; readonly fees: number; readonly net: number };
  readonly feesUnvalued: readonly { readonly asset: string; readonly amount: number }[];
}

export const statusRow = (v: OrderView): StatusRow => ({
  orderId: v.orderId,
  symbol: v.symbol,
  side: v.side,
  status: v.status,
  progress: v.progress,
  effectiveStop: v.effectiveStop,
  trailingMark: v.trailing?.armed === true ? v.trailing.mark : null,
  realisedPnl: v.pnl,
  feesUnvalued: v.feesUnvalued,
});

const markText = (v: OrderView): string => {
  if (v.trailing === null) return '—';
  if (!v.trailing.armed || v.trailing.mark === null) return 'not armed';
  return numberText(v.trailing.mark);
};

const DECIMALS = 2;

/**
 * Where every order stands: id, symbol, side, status, TP progress, binding stop, trailing mark,
 * realised P&L gross, fees and net; then the totals, each the sum of its column as printed.
 */
export const formatStatus = (views: readonly OrderView[], format: StatusFormat): string => {
  if (format === 'json') return JSON.stringify(views.map(statusRow), null, 2);
  if (views.length === 0) return 'no orders';
  return [
    ...alignColumns(
      [
        [
          'ORDER',
          'SYMBOL',
          'SIDE',
          'STATUS',
          'TP',
          'STOP',
          'TRAILING MARK',
          'GROSS',
          'FEES',
          'NET P&L',
        ],
        ...views.map((v) => {
          const m = printedPnl(v, DECIMALS);
          return [
            v.orderId,
            v.symbol,
            v.side,
            statusText(v),
            v.progress,
            stopText(v),
            markText(v),
            moneyText(m.gross, DECIMALS),
            moneyText(m.fees, DECIMALS),
            moneyText(m.net, DECIMALS),
          ];
        }),
      ],
      ['left', 'left', 'left', 'left', 'right', 'left', 'left', 'right', 'right', 'right'],
    ),
    '',
    ...pnlTotals(views, DECIMALS),
  ].join('\n');
};
