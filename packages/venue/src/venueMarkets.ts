import type { MatchingEngine } from './matchingEngine';
import type { TickerStats } from './tickerStats';
import { isMarketSymbol, type VenueMarket } from './venueMarket';

/** One market the venue serves: its matching engine (the account is shared) and its statistics. */
export interface MarketSlot {
  readonly market: VenueMarket;
  readonly engine: MatchingEngine;
  readonly stats: () => TickerStats;
}

/** The venue's markets, found by Binance's symbol id (`BTCUSDT`) or by a tick's symbol. */
export interface VenueMarkets {
  readonly all: readonly MarketSlot[];
  byId(id: string): MarketSlot | undefined;
  forTick(symbol: string): MarketSlot | undefined;
}

export const venueMarkets = (slots: readonly MarketSlot[]): VenueMarkets => {
  const byId = new Map(slots.map((s) => [s.market.id, s]));
  return {
    all: slots,
    byId: (id) => byId.get(id),
    forTick: (symbol) => slots.find((s) => isMarketSymbol(s.market, symbol)),
  };
};
