import {
  aggTradeJson,
  bookTickerJson,
  miniTickerJson,
  tickerJson,
  tradeJson,
  type Print,
} from './marketMessages';
import type { Quote } from './quote';
import type { StreamHub } from './streamHub';
import { addPrint, EMPTY_STATS, type TickerStats } from './tickerStats';
import type { VenueMarket } from './venueMarket';
import type { VenueTrade } from './venueOrder';
import type { VenueTick } from './venueTick';

/** The public streams of the venue's market: trades, best bid/ask and the rolling ticker. */
export interface MarketFeed {
  tick(tick: VenueTick, book: Quote): void;
  /** A print on the trade streams only: it moves neither the venue's book nor its statistics. */
  offMarketPrint(price: number, ts: number): void;
  /** A fill of the venue's own: a trade of the market, printed and counted as Binance does. */
  ownFill(trade: Pick<VenueTrade, 'id' | 'price' | 'qty' | 'time'>): void;
  stats(): TickerStats;
}

export const createMarketFeed = (
  market: VenueMarket,
  hub: StreamHub,
  nextTradeId: () => number,
): MarketFeed => {
  const stream = (name: string) => `${market.id.toLowerCase()}@${name.toLowerCase()}`;
  let stats = EMPTY_STATS;
  let bookUpdateId = 0;

  const print = (p: Print) => {
    hub.publishMarket(stream('trade'), () => tradeJson(market.id, p));
    hub.publishMarket(stream('aggTrade'), () => aggTradeJson(market.id, p));
  };

  return {
    tick: (tick, book) => {
      if (tick.price !== undefined) {
        const p: Print = {
          id: nextTradeId(),
          price: tick.price,
          qty: tick.quantity ?? 1,
          ts: tick.ts,
        };
        stats = addPrint(stats, p.price, p.qty, p.ts, p.id);
        print(p);
      }
      const { bid, ask } = book;
      if (
        (tick.bid !== undefined || tick.ask !== undefined) &&
        bid !== undefined &&
        ask !== undefined
      ) {
        bookUpdateId += 1;
        const u = bookUpdateId;
        hub.publishMarket(stream('bookTicker'), () => bookTickerJson(market.id, u, bid, ask));
      }
      const s = stats;
      hub.publishMarket(stream('ticker'), () => tickerJson(market.id, s, book, tick.ts));
      hub.publishMarket(stream('miniTicker'), () => miniTickerJson(market.id, s, tick.ts));
    },
    offMarketPrint: (price, ts) => print({ id: nextTradeId(), price, qty: 1, ts }),
    ownFill: (trade) => {
      const p: Print = { id: trade.id, price: trade.price, qty: trade.qty, ts: trade.time };
      stats = addPrint(stats, p.price, p.qty, p.ts, p.id);
      print(p);
    },
    stats: () => stats,
  };
};
