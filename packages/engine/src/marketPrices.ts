import type { Command, Tick } from '@smart-orders/core';
import { rewriteTickRecord, tickRecordOf, type TickRecord } from './tickRecord';

/** The price a tick says the market is at: its trade price, else the mid of its quote. */
export const priceOf = (tick: Tick): number | undefined =>
  tick.price ??
  (tick.bid !== undefined && tick.ask !== undefined
    ? (tick.bid + tick.ask) / 2
    : (tick.bid ?? tick.ask));

/** The last price and the last tick the engine saw on each symbol. */
export interface MarketPrices {
  observe(tick: Tick): void;
  last(symbol: string): number | undefined;
  /** A copy of the symbol's last tick: the engine's own changes with the next one. */
  lastTick(symbol: string): Tick | undefined;
  /** The last prices of `symbols` other than `symbol`: the account's marks beside a tick. */
  beside(symbol: string, symbols: Iterable<string>): Record<string, number>;
}

/** A symbol's last price (kept through a tick that has none) and last tick, rewritten in place. */
interface Seen {
  price: number | undefined;
  readonly tick: TickRecord;
}

export const createMarketPrices = (): MarketPrices => {
  // No tick it is given is kept (tickRecord.ts): this runs at every tick of every symbol.
  const seen = new Map<string, Seen>();
  const last = (symbol: string): number | undefined => seen.get(symbol)?.price;
  return {
    observe(tick) {
      const price = priceOf(tick);
      const held = seen.get(tick.symbol);
      if (held === undefined) seen.set(tick.symbol, { price, tick: tickRecordOf(tick) });
      else {
        if (price !== undefined) held.price = price;
        rewriteTickRecord(held.tick, tick);
      }
    },
    last,
    lastTick(symbol) {
      const held = seen.get(symbol);
      return held === undefined ? undefined : tickRecordOf(held.tick);
    },
    beside(symbol, symbols) {
      const marks: Record<string, number> = {};
      for (const held of symbols) {
        const price = last(held);
        if (held !== symbol && price !== undefined) marks[held] = price;
      }
      return marks;
    },
  };
};

/**
 * Commands carry what the engine last saw on their symbol: a MARKET entry's reference for
 * validation (SEMANTICS §1), the price the entry would fill at on that tick (a long buys at the
 * ask of a quote tick, §3.1), and the price a new stop must not cross (§4), which is the price
 * the stop triggers on, so the stop check gets the tick's trade price and its book apart. The
 * core cannot know prices by itself; the engine is the one that watched them.
 */
export const withMarketPrices = (command: Command, last: Tick | undefined): Command => {
  if (last === undefined) return command;
  const price = priceOf(last);
  if (price === undefined) return command;
  switch (command.type) {
    case 'CreateSmartOrder': {
      if (command.entry?.type === 'LIMIT' || command.referencePrice !== undefined) return command;
      const fill =
        last.price ?? (command.side === 'BUY' ? (last.ask ?? last.bid) : (last.bid ?? last.ask));
      return fill === undefined ? command : { ...command, referencePrice: fill };
    }
    case 'ModifyStopLoss':
      return command.lastPrice !== undefined ||
        command.lastBid !== undefined ||
        command.lastAsk !== undefined
        ? command
        : {
            ...command,
            ...(last.price === undefined ? {} : { lastPrice: last.price }),
            ...(last.bid === undefined ? {} : { lastBid: last.bid }),
            ...(last.ask === undefined ? {} : { lastAsk: last.ask }),
          };
    case 'ModifyTrailing':
    case 'ToggleBreakEven':
    case 'Cancel':
      return command.lastPrice === undefined ? { ...command, lastPrice: price } : command;
    default:
      return command;
  }
};
