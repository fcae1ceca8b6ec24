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
  readonly realisedPnl: number;
}

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
      realisedPnl: number;
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
    });
  }
  return [...exits.values()];
};
