import type { Command, NativeStopSpec } from '@smart-orders/core';
import type { Execution, NativeStopSupport } from './ports/exchange';

/** What is asked of the venue here: its name, and how it keeps native stops. */
type NativeStopVenue = Pick<Execution, 'id' | 'nativeStops'>;

const ask = async (exchange: NativeStopVenue, symbol: string): Promise<NativeStopSupport> => {
  if (exchange.nativeStops === undefined)
    return { mode: 'OFF', reason: `${exchange.id}: this exchange keeps no native stops` };
  try {
    return await exchange.nativeStops(symbol);
  } catch (error) {
    return {
      mode: 'OFF',
      reason: `${exchange.id}: could not learn whether ${symbol} keeps native stops (${(error as Error).message})`,
    };
  }
};

/** What the order asked for, within what the venue can do: it may not amend where the venue replaces. */
const resolve = (asked: NativeStopSpec, venue: NativeStopSupport): NativeStopSpec => {
  if (asked.mode === 'OFF') return asked;
  if (venue.mode === 'OFF')
    return { offsetRate: asked.offsetRate, mode: 'OFF', reason: venue.reason };
  const mode = asked.mode === undefined || venue.mode === 'REPLACE' ? venue.mode : asked.mode;
  return { offsetRate: asked.offsetRate, mode };
};

/**
 * A smart order that asks for a native stop (SEMANTICS §7) learns here how its venue keeps
 * one, and the answer is recorded in `SmartOrderCreated`: where the venue keeps none (spot,
 * where a resting stop would lock the balance the take-profits sell) the order runs on its
 * managed stop alone, and its log says why. The venue is asked when the command arrives,
 * before its unit of work is decided: no exchange call happens in the middle of a decision.
 */
export const withNativeStopSupport = async (
  exchange: NativeStopVenue,
  command: Command,
): Promise<Command> => {
  if (command.type !== 'CreateSmartOrder' || command.nativeStop === undefined) return command;
  const venue = await ask(exchange, command.symbol);
  return { ...command, nativeStop: resolve(command.nativeStop, venue) };
};

/** Whether any command of a unit needs the venue asked first. */
export const needsNativeStopSupport = (commands: readonly Command[] | undefined): boolean =>
  commands?.some((c) => c.type === 'CreateSmartOrder' && c.nativeStop !== undefined) === true;
