import type { Command } from '@smart-orders/core';
import type { Execution } from './ports/exchange';

/**
 * A new order learns its venue's market here, before its unit of work is decided (no exchange
 * call happens inside a decision), and the core checks and records it on that market
 * (SEMANTICS §1 v2, `rules/venueMarket.ts`): a quantity off the venue's lot size is refused at
 * creation instead of being truncated when sent and leaving a level waiting forever for the
 * part the venue never received. A venue whose market cannot be read leaves the order as it
 * was: the venue's own refusal of the create says what is wrong.
 */
export const withVenueMarket = async (
  exchange: Pick<Execution, 'marketRules'>,
  command: Command,
): Promise<Command> => {
  // Always the venue's own, whatever a caller wrote there.
  if (command.type !== 'CreateSmartOrder' || exchange.marketRules === undefined) return command;
  const rules = await exchange.marketRules(command.symbol).catch(() => undefined);
  if (rules === undefined || rules._tag === 'Left') {
    const { venueMarket: _unread, ...asGiven } = command;
    return asGiven;
  }
  const { tickSize, stepSize, minQty, minNotional } = rules.right;
  return {
    ...command,
    venueMarket: {
      tickSize,
      stepSize,
      ...(minQty === undefined ? {} : { minQty }),
      ...(minNotional === undefined ? {} : { minNotional }),
    },
  };
};

/** Whether a unit's commands need the venue asked first. */
export const needsVenueMarket = (
  exchange: Pick<Execution, 'marketRules'>,
  commands: readonly Command[] | undefined,
): boolean =>
  exchange.marketRules !== undefined &&
  commands?.some((c) => c.type === 'CreateSmartOrder') === true;
