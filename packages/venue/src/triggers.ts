import { takerPrice, triggerReference, type Quote } from './quote';
import type { VenueOrder } from './venueOrder';

/**
 * Binance spot stops: STOP_LOSS(_LIMIT) sells when the price falls to the stop, buys when it
 * rises to it; TAKE_PROFIT(_LIMIT) the other way round.
 */
export const stopReached = (order: VenueOrder, q: Quote): boolean => {
  const ref = triggerReference(order.side, q);
  if (ref === undefined || order.stopPrice === null) return false;
  const falling =
    (order.type === 'STOP_LOSS' || order.type === 'STOP_LOSS_LIMIT') === (order.side === 'SELL');
  return falling ? ref <= order.stopPrice : ref >= order.stopPrice;
};

/** A limit crosses when a taker on its side would trade at the limit or better. */
export const limitCrossed = (order: VenueOrder, q: Quote): boolean => {
  const p = takerPrice(order.side, q);
  if (p === undefined || order.price === null) return false;
  return order.side === 'BUY' ? p <= order.price : p >= order.price;
};
