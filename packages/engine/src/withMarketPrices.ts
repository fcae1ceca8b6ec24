import type { Command } from '@smart-orders/core';

/**
 * Commands carry the last price the engine saw on their symbol: a MARKET entry's reference
 * for validation (SEMANTICS §1), and the price a new stop must not cross (§4). The core
 * cannot know prices by itself; the engine is the one that watched them.
 */
export const withMarketPrices = (command: Command, last: number | undefined): Command => {
  if (last === undefined) return command;
  switch (command.type) {
    case 'CreateSmartOrder':
      return command.entry.type === 'MARKET' && command.referencePrice === undefined
        ? { ...command, referencePrice: last }
        : command;
    case 'ModifyStopLoss':
    case 'ModifyTrailing':
    case 'ToggleBreakEven':
    case 'Cancel':
      return command.lastPrice === undefined ? { ...command, lastPrice: last } : command;
    default:
      return command;
  }
};
