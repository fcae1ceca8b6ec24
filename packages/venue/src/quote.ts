import type { OrderSide } from './venueOrder';

/** What a tick says about the market, or what the venue knows of it: last trade and top of book. */
export interface Quote {
  readonly price?: number;
  readonly bid?: number;
  readonly ask?: number;
}

/** The price a taker gets: a buy lifts the ask, a sell hits the bid; the last trade when no book. */
export const takerPrice = (side: OrderSide, q: Quote): number | undefined =>
  side === 'BUY' ? (q.ask ?? q.price) : (q.bid ?? q.price);

/**
 * The price a stop watches: the last trade, as Binance triggers spot stops on it; with a
 * quotes-only recording, the side the stop's market order would take.
 */
export const triggerReference = (side: OrderSide, q: Quote): number | undefined =>
  q.price ?? takerPrice(side, q);

/** A quote's known fields replace the old ones: a trade-only tick leaves the book as it was. */
export const mergeQuote = (known: Quote, tick: Quote): Quote => ({
  ...known,
  ...(tick.price !== undefined ? { price: tick.price } : {}),
  ...(tick.bid !== undefined ? { bid: tick.bid } : {}),
  ...(tick.ask !== undefined ? { ask: tick.ask } : {}),
});
