import type { TickerStats } from '../tickerStats';
import { addPrint, EMPTY_STATS } from '../tickerStats';
import type { VenueMarket } from '../venueMarket';
import type { VenueTick } from '../venueTick';
import { publicTradeJson } from './bybitMessages';

/** The `publicTrade.<symbol>` prints of one market and its statistics since the first tick. */
export const createPublicTrades = (
  market: VenueMarket,
  publish: (topic: string, build: () => readonly unknown[]) => void,
) => {
  let stats: TickerStats = EMPTY_STATS;
  const topic = `publicTrade.${market.id}`;
  let lastPrice: number | null = null;
  const print = (
    p: { id: number; price: number; qty: number; ts: number },
    side?: 'Buy' | 'Sell',
  ) => {
    // A recorded print names no aggressor: one at or above the last price reads as a buy.
    const taker = side ?? (lastPrice === null || p.price >= lastPrice ? 'Buy' : 'Sell');
    lastPrice = p.price;
    publish(topic, () => [publicTradeJson(market, p, taker)]);
  };
  return {
    tick: (tick: VenueTick, id: number) => {
      if (tick.price === undefined) return;
      const p = { id, price: tick.price, qty: tick.quantity ?? 1, ts: tick.ts };
      stats = addPrint(stats, p.price, p.qty, p.ts, p.id);
      print(p);
    },
    offMarketPrint: (price: number, ts: number, id: number) => print({ id, price, qty: 1, ts }),
    ownFill: (t: {
      id: number;
      price: number;
      qty: number;
      time: number;
      side: 'BUY' | 'SELL';
    }) => {
      stats = addPrint(stats, t.price, t.qty, t.time, t.id);
      print(
        { id: t.id, price: t.price, qty: t.qty, ts: t.time },
        t.side === 'BUY' ? 'Buy' : 'Sell',
      );
    },
    stats: () => stats,
  };
};
