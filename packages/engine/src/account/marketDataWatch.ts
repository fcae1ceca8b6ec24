import type { Tick } from '@smart-orders/core';

/**
 * A symbol silent for too long, with the time of its last tick (null: none since the start) and
 * how long it has been silent on the engine's clock.
 */
export interface SilentMarket {
  readonly symbol: string;
  readonly lastTickTs: number | null;
  readonly silentForMs: number;
}

/**
 * When each symbol last had a tick, on the engine's own wall clock (SEMANTICS §7 v2): a tick's
 * `ts` is the exchange's time and says nothing about a socket that went quiet, so staleness is
 * the time since the engine received the tick. A symbol that never had one is measured from the
 * engine's start.
 */
export interface MarketDataWatch {
  observe(tick: Tick): void;
  silent(symbols: Iterable<string>): SilentMarket[];
}

export const createMarketDataWatch = (
  staleAfterMs: number,
  now: () => number = Date.now,
): MarketDataWatch => {
  const startedAt = now();
  const received = new Map<string, { at: number; ts: number }>();
  return {
    observe(tick) {
      // Updated in place: this runs at every tick.
      const last = received.get(tick.symbol);
      if (last === undefined) received.set(tick.symbol, { at: now(), ts: tick.ts });
      else {
        last.at = now();
        last.ts = tick.ts;
      }
    },
    silent(symbols) {
      const at = now();
      const out: SilentMarket[] = [];
      for (const symbol of new Set(symbols)) {
        const last = received.get(symbol);
        const silentForMs = at - (last?.at ?? startedAt);
        if (silentForMs > staleAfterMs)
          out.push({ symbol, lastTickTs: last?.ts ?? null, silentForMs });
      }
      return out;
    },
  };
};
