import { add, mul, sub, type Fill } from '@smart-orders/core';
import type { Account } from './account';
import type { VenueMarket } from './venueMarket';
import type { VenueOrder } from './venueOrder';

/** What one fill of an order did: the order after it and the trade's value in the quote asset. */
export interface Settled {
  readonly order: VenueOrder;
  readonly quoteQty: number;
}

/**
 * One fill of `order` (the whole rest or a part of it) at its price: its share of the order's lock
 * released, the trade paid for and its fee charged in its asset (a buy's fee in the base asset is
 * withheld from what it receives). A buy locks at its limit, its stop or the market price it was
 * admitted at, but fills at the market; when the market is dearer than the free quote can pay,
 * nothing moves and null is returned (the caller expires the order rather than drive a balance
 * below zero).
 */
export const settleFill = (
  account: Account,
  market: VenueMarket,
  order: VenueOrder,
  fill: Pick<Fill, 'price' | 'quantity' | 'fee' | 'complete'>,
  now: number,
): Settled | null => {
  const quoteQty = mul(fill.quantity, fill.price);
  // The last fill releases what is left of the lock, so no rounding residue stays locked.
  const released = fill.complete ? order.lockedAmount : mul(fill.quantity, order.lockPrice);
  const feeIn = (asset: string) => (fill.fee.asset === asset ? fill.fee.amount : 0);
  if (order.side === 'BUY') {
    account.unlock(market.quote, released);
    if (!account.spend(market.quote, add(quoteQty, feeIn(market.quote)))) {
      account.lock(market.quote, released);
      return null;
    }
    account.credit(market.base, sub(fill.quantity, feeIn(market.base)));
  } else {
    account.spendLocked(market.base, released);
    account.credit(market.quote, sub(quoteQty, feeIn(market.quote)));
  }
  const executedQty = add(order.executedQty, fill.quantity);
  return {
    quoteQty,
    order: {
      ...order,
      status: fill.complete ? 'FILLED' : 'PARTIALLY_FILLED',
      executedQty,
      cumulativeQuoteQty: add(order.cumulativeQuoteQty, quoteQty),
      lockedAmount: fill.complete ? 0 : sub(order.lockedAmount, released),
      updateTime: now,
    },
  };
};

/** Cancelled or expired: whatever the order still held is free again; what it filled stays. */
export const releaseOrder = (
  account: Account,
  order: VenueOrder,
  status: 'CANCELED' | 'EXPIRED',
  now: number,
): VenueOrder => {
  account.unlock(order.lockedAsset, order.lockedAmount);
  return { ...order, status, lockedAmount: 0, updateTime: now };
};
