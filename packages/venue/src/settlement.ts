import { mul } from '@smart-orders/core';
import type { Account } from './account';
import type { VenueMarket } from './venueMarket';
import type { VenueOrder } from './venueOrder';

export type Settled =
  | { readonly filled: true; readonly order: VenueOrder; readonly quoteQty: number }
  | { readonly filled: false; readonly order: VenueOrder };

/**
 * A whole fill at `price`: the order's lock is released and the trade paid for. A buy stop locks
 * at its stop price but fills at the market; when the market is dearer than the free quote can
 * pay, the order expires unfilled rather than drive a balance below zero.
 */
export const settleFill = (
  account: Account,
  market: VenueMarket,
  order: VenueOrder,
  price: number,
  now: number,
): Settled => {
  const quoteQty = mul(order.quantity, price);
  const released = { ...order, lockedAmount: 0, updateTime: now };
  if (order.side === 'BUY') {
    account.unlock(market.quote, order.lockedAmount);
    if (!account.spend(market.quote, quoteQty))
      return { filled: false, order: { ...released, status: 'EXPIRED' } };
    account.credit(market.base, order.quantity);
  } else {
    account.spendLocked(market.base, order.lockedAmount);
    account.credit(market.quote, quoteQty);
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
