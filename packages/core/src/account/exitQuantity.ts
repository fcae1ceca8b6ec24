import { floorToStep } from '../decimal';
import type { FlattenExit } from './accountState';

/**
 * The quantity of a flatten's next exit of one symbol: what the exchange holds, floored to the
 * step, and never more than what is free of it (on spot, coins locked in an order that is still
 * being cancelled cannot be sold; asking for them is refused for insufficient balance).
 */
export const exitQuantity = (
  held: number,
  free: number | undefined,
  step: number | undefined,
): number => {
  const wanted = Math.min(Math.abs(held), free ?? Number.POSITIVE_INFINITY);
  return step === undefined ? wanted : floorToStep(wanted, step);
};

/**
 * Whether a reading of the exchange may size the symbol's next exit: none works (a working exit
 * may still fill: never a second one beside it), and the last one stopped working before the
 * reading began (`readFrom`, the account's version then), so the reading counts all its fills.
 * A reading without a version (an older caller) is trusted as before.
 */
export const readingSizesExit = (
  exit: FlattenExit | undefined,
  readFrom: number | undefined,
): boolean =>
  exit === undefined ||
  (!exit.working &&
    (readFrom === undefined || exit.settledAt === null || readFrom >= exit.settledAt));
