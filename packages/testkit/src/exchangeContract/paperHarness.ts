import type { Tick } from '@smart-orders/core';
import type { Exchange } from '@smart-orders/engine';
import type { ExchangeUnderTest } from './exchangeHarness';

const SYMBOL = 'BTC/USDT';

/** A market falling one unit a tick from 100, for a venue in tick time (paper, scripted). */
export const inTickTime = (exchange: Exchange): ExchangeUnderTest => {
  let i = 0;
  return {
    exchange,
    symbol: SYMBOL,
    quantity: 0.1,
    restingBuyPrice: 50,
    reachedBuyPrice: 99.5,
    lastPrice: 100,
    async advance() {
      i += 1;
      const tick: Tick = { type: 'Tick', symbol: SYMBOL, ts: 1_000 * i, price: 100 - i };
      return exchange.matchTick?.(tick) ?? [];
    },
    close: () => exchange.close(),
  };
};
