import { feeValue, type ReportedFee } from '@smart-orders/core';
import type { StoredEvent } from '@smart-orders/engine';

/**
 * What the account itself traded to flatten after a kill-switch trip, per account and symbol:
 * these fills belong to no smart order (the account stream records them with the account's id
 * in `orderId`), so without them a summary shows the flattened order at 0.00 while the
 * account recorded the loss of the flatten.
 */
export interface AccountExit {
  readonly accountId: string;
  readonly symbol: string;
  readonly side: string;
  readonly quantity: number;
  /** Net of the valued fees, as the account stream records it. */
  readonly realisedPnl: number;
  /** The fees of those fills valued in the quote asset (SEMANTICS §9.2): gross is net + fees. */
  readonly fees: number;
}

/** A fill's fee in the quote asset; one the account could not value is not in its P&L either. */
const valued = (fee: ReportedFee | undefined, symbol: string, price: number): number => {
  if (fee === undefined) return 0;
  const v = feeValue(fee, symbol, price);
  return 'valued' in v ? v.valued : 0;
};

export const accountExitsOf = (
  events: readonly StoredEvent[],
  orderIds: ReadonlySet<string>,
): AccountExit[] => {
  const exits = new Map<string, AccountExit>();
  for (const e of events) {
    if (e.type !== 'FillRecorded' || !e.stream.startsWith('account-')) continue;
    const d = e.data as {
      orderId: string | null;
      symbol: string;
      side: string;
      quantity: number;
      price: number;
      realisedPnl: number;
      fee?: ReportedFee;
    };
    if (d.orderId !== null && orderIds.has(d.orderId)) continue;
    const accountId = e.stream.slice('account-'.length);
    const key = `${accountId}\n${d.symbol}\n${d.side}`;
    const seen = exits.get(key);
    exits.set(key, {
      accountId,
      symbol: d.symbol,
      side: d.side,
      quantity: (seen?.quantity ?? 0) + d.quantity,
      realisedPnl: (seen?.realisedPnl ?? 0) + d.realisedPnl,
      fees: (seen?.fees ?? 0) + valued(d.fee, d.symbol, d.price),
    });
  }
  return [...exits.values()];
};
