import Big from 'big.js';
import type { OrderView } from '@smart-orders/core';
import type { AccountExit } from './accountExits';
import { moneyOf, moneyText } from './numberText';

export const quoteOf = (symbol: string): string => symbol.split('/')[1]?.split(':')[0] ?? symbol;

export interface Money {
  readonly gross: Big;
  readonly fees: Big;
  readonly net: Big;
}

/** One order's P&L as its row prints it. */
export const printedPnl = (v: OrderView, decimals: number): Money => ({
  gross: moneyOf(v.pnl.gross, decimals),
  fees: moneyOf(v.pnl.fees, decimals),
  net: moneyOf(v.pnl.net, decimals),
});

/** An account's flatten as its row prints it: the account stream records no fees of it. */
export const printedExitPnl = (x: AccountExit, decimals: number): Money => {
  const net = moneyOf(x.realisedPnl, decimals);
  const fees = moneyOf(x.fees, decimals);
  // Printed so that the row adds up as shown: gross = net + fees.
  return { gross: net.plus(fees), fees, net };
};

/**
 * Totals per quote currency, each the sum of its column as printed: a total of rows rounded
 * one way and the exact sum rounded another disagrees by a cent (9.87 + 4.17 + 0.79 = 14.83,
 * not the 14.84 of the exact sum). An account's flatten after a trip is a row like an order's.
 */
export const pnlTotals = (
  views: readonly OrderView[],
  decimals: number,
  exits: readonly AccountExit[] = [],
): string[] => {
  const byQuote = new Map<string, Money>();
  const unvalued = new Map<string, Big>();
  const rows = [
    ...views.map((v) => ({
      symbol: v.symbol,
      money: printedPnl(v, decimals),
      fees: v.feesUnvalued,
    })),
    ...exits.map((x) => ({ symbol: x.symbol, money: printedExitPnl(x, decimals), fees: [] })),
  ];
  for (const { symbol, money: row, fees } of rows) {
    const quote = quoteOf(symbol);
    const sum = byQuote.get(quote);
    byQuote.set(
      quote,
      sum === undefined
        ? row
        : {
            gross: sum.gross.plus(row.gross),
            fees: sum.fees.plus(row.fees),
            net: sum.net.plus(row.net),
          },
    );
    for (const f of fees)
      unvalued.set(f.asset, (unvalued.get(f.asset) ?? new Big(0)).plus(f.amount));
  }
  return [
    ...[...byQuote].map(
      ([quote, m]) =>
        `realised P&L: ${moneyText(m.net, decimals)} ${quote} net (gross ${moneyText(m.gross, decimals)}, fees ${moneyText(m.fees, decimals)})`,
    ),
    ...[...unvalued].map(
      ([asset, amount]) => `fees not valued: ${amount.toString()} ${asset} (no ${asset} price)`,
    ),
  ];
};
