import Big from 'big.js';
import { own } from './accountRules';

export type Leg = { readonly symbol: string; readonly quantity: number };

/**
 * What a flatten still has to close, leg by leg (SEMANTICS §7: positions are flattened). A
 * hedge-mode account reports a symbol's long and its short apart: each is a leg of its own,
 * never netted against the other (a long of 1 and a short of 1 is not flat: both are closed,
 * each by an exit on its own side, a SELL closing the long and a BUY the short). A one-way
 * account, and spot, report one position per symbol: one leg. A leg smaller than one step
 * counts as closed. Sorted by symbol, the long before the short.
 */
export const openLegs = (
  positions: readonly Leg[],
  stepSizes: Readonly<Record<string, number>>,
): Leg[] => {
  const sides = new Map<string, { long: Big; short: Big }>();
  for (const p of positions) {
    const side = sides.get(p.symbol) ?? { long: new Big(0), short: new Big(0) };
    if (p.quantity > 0) side.long = side.long.plus(p.quantity);
    else side.short = side.short.plus(p.quantity);
    sides.set(p.symbol, side);
  }
  return [...sides.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([symbol, { long, short }]) =>
      [long, short]
        .map((q) => ({ symbol, quantity: q.toNumber() }))
        .filter(({ quantity }) => {
          const step = own(stepSizes, symbol);
          return quantity !== 0 && (step === undefined || Math.abs(quantity) >= step);
        }),
    );
};

/**
 * The leg of each symbol that its next exit closes: the first (the long before the short). A
 * flatten has one exit per symbol at a time, so a hedged symbol's short is closed once the
 * long's exit is done and a reading shows the long closed.
 */
export const nextLegs = (legs: readonly Leg[]): Leg[] =>
  legs.filter((leg, i) => legs.findIndex((l) => l.symbol === leg.symbol) === i);
