import type { Command, Tick } from '@smart-orders/core';

/** The last price of a tick: the trade, else the middle of the book, else its one side. */
const lastPriceOf = (tick: Tick): number | undefined =>
  tick.price ??
  (tick.bid !== undefined && tick.ask !== undefined
    ? (tick.bid + tick.ask) / 2
    : (tick.bid ?? tick.ask));

/**
 * Commands carry what the engine last saw on their symbol: a MARKET entry's reference for
 * validation (SEMANTICS §1), the price the entry would fill at on that tick (a long buys at the
 * ask of a quote tick, §3.1), and the price a new stop must not cross (§4), which is the price
 * the stop triggers on, so the stop check gets the tick's trade price and its book apart. The
 * core cannot know prices by itself; the engine is the one that watched them.
 */
export const withMarketPrices = (command: Command, last: Tick | undefined): Command => {
  if (last === undefined) return command;
  const price = lastPriceOf(last);
  if (price === undefined) return command;
  switch (command.type) {
    case 'CreateSmartOrder': {
      if (command.entry.type !== 'MARKET' || command.referencePrice !== undefined) return command;
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
