import { add, mul, sub, type Fee } from '@smart-orders/core';
import type { Account } from './account';
import type { VenueMarket } from './venueMarket';
import type { VenueOrder } from './venueOrder';

export type Settled =
  | { readonly filled: true; readonly order: VenueOrder; readonly quoteQty: number }
  | { readonly filled: false; readonly order: VenueOrder };

/**
 * A whole fill at `price`: the order's lock is released, the trade paid for and its fee charged
 * in its asset (a buy's fee in the base asset is withheld from what it receives). A buy stop locks
 * at its stop price but fills at the market; when the market is dearer than the free quote can
 * pay, the order expires unfilled rather than drive a balance below zero.
 */
export const settleFill = (
  account: Account,
  market: VenueMarket,
  order: VenueOrder,
  price: number,
  now: number,
  fee: Fee,
): Settled => {
  const quoteQty = mul(order.quantity, price);
  const released = { ...order, lockedAmount: 0, updateTime: now };
  const feeIn = (asset: string) => (fee.asset === asset ? fee.amount : 0);
  if (order.side === 'BUY') {
    account.unlock(market.quote, order.lockedAmount);
    if (!account.spend(market.quote, add(quoteQty, feeIn(market.quote))))
      return { filled: false, order: { ...released, status: 'EXPIRED' } };
    account.credit(market.base, sub(order.quantity, feeIn(market.base)));
  } else {
    account.spendLocked(market.base, order.lockedAmount);
    account.credit(market.quote, sub(quoteQty, feeIn(market.quote)));
  }
  return {
    filled: true,
    quoteQty,
    order: {
      ...released,
      status: 'FILLED',
      executedQty: order.quantity,
      cumulativeQuoteQty: quoteQty,
    },
  };
};

/** Cancelled or expired: whatever the order held is free again. */
export const releaseOrder = (
  account: Account,
  order: VenueOrder,
  status: 'CANCELED' | 'EXPIRED',
  now: number,
): VenueOrder => {
  account.unlock(order.lockedAsset, order.lockedAmount);
  return { ...order, status, lockedAmount: 0, updateTime: now };
};
