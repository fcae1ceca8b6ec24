import type { Subscription } from 'rxjs';
import type { Tick } from '@smart-orders/core';
import type { Engine, Exchange } from '@smart-orders/engine';
import type { LiveFeed } from '../serveOptions';
import type { Market, MarketStatus } from './market';

export interface LiveMarketOptions {
  readonly engine: Engine;
  readonly exchange: Exchange;
  readonly feed: LiveFeed;
  readonly onTick: (tick: Tick) => void;
  readonly onWarning: (message: string) => void;
  readonly now?: () => number;
}

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The exchange's market data, one stream per symbol: those asked for, those of open orders
 * and those of every order created since. A user's command is stamped with the later of the
 * last tick's time and the wall clock, so that the log never goes back in time when the
 * exchange's clock runs ahead of ours.
 */
export const createLiveMarket = (options: LiveMarketOptions): Market => {
  const { engine, exchange, feed, onTick, onWarning } = options;
  const now = options.now ?? Date.now;
  const watched = new Map<string, Subscription>();
  const prices: Record<string, number> = {};
  let lastTs: number | null = null;
  let stopped = false;

  const watch = (symbol: string) => {
    if (stopped || watched.has(symbol)) return;
    const subscription = exchange.ticks$([symbol]).subscribe({
      next: (tick) => {
        lastTs = Math.max(lastTs ?? tick.ts, tick.ts);
        const price = tick.price ?? tick.bid ?? tick.ask;
        if (price !== undefined) prices[tick.symbol] = price;
        engine.tick(tick).then(
          () => onTick(tick),
          (e: unknown) => onWarning(`tick on ${symbol} failed: ${describe(e)}`),
        );
      },
      error: (e: unknown) => {
        watched.delete(symbol);
        onWarning(`market data of ${symbol} ended: ${describe(e)}`);
      },
    });
    watched.set(symbol, subscription);
  };

  const status = (): MarketStatus => ({
    mode: 'live',
    exchange: exchange.id,
    time: lastTs,
    symbols: [...watched.keys()],
    prices: { ...prices },
    replay: null,
  });

  return {
    start() {
      for (const symbol of [...feed.symbols, ...engine.openOrders().map((v) => v.symbol)])
        watch(symbol);
    },
    async stop() {
      stopped = true;
      for (const s of watched.values()) s.unsubscribe();
      watched.clear();
    },
    commandTs: () => Math.max(lastTs ?? 0, now()),
    commandCheckpoint: () => undefined,
    watch,
    status,
    control: null,
  };
};
