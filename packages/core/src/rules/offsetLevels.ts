import Big from 'big.js';
import type { OrderState } from '../state/orderState';
import { isLong, type Side } from '../side';
import { takeProfitQuantities } from './takeProfits';

/** One level merged into a nearer one that resolved to the same price. */
export interface LevelMerge {
  readonly level: number;
  readonly into: number;
}

/** What an entry fill records of offset levels (EVENTS.md v2, `EntryFilled`). */
export interface ResolvedOffsets {
  readonly takeProfitPrices?: number[];
  readonly stopPrice?: number;
  readonly merged?: LevelMerge[];
}

/**
 * A level `offsetPct` percent from the entry price `entry` (SEMANTICS §8.1): a take-profit on
 * the position's side of it, a stop on the other, rounded to the tick toward the entry, so
 * that a level is never further than asked and a stop never looser. Exact decimal arithmetic:
 * 100.03 × 1.02 is 102.0306, which a long's take-profit rounds down to 102.03.
 */
export const offsetPrice = (
  side: Side,
  entry: number,
  offsetPct: number,
  tickSize: number,
  of: 'TAKE_PROFIT' | 'STOP',
): number => {
  const above = isLong(side) === (of === 'TAKE_PROFIT');
  const ratio = new Big(offsetPct).div(100);
  return new Big(entry)
    .times(above ? ratio.plus(1) : new Big(1).minus(ratio))
    .div(tickSize)
    .round(0, above ? Big.roundDown : Big.roundUp)
    .times(tickSize)
    .toNumber();
};

/**
 * The offset levels of an order resolved on the (average) entry price: every take-profit's
 * price when the levels are offsets, with each level that resolves to the price of a nearer
 * one merged into it, and the stop's price when it is an offset not replaced by the user.
 * Once a take-profit has filled, the levels are fixed and nothing is resolved again.
 */
export const resolveOffsets = (s: OrderState, entryPrice: number): ResolvedOffsets => {
  if (s.anyTpFilled) return {};
  const { side, market } = s.spec;
  const stop =
    s.stopOffsetPct === null
      ? {}
      : { stopPrice: offsetPrice(side, entryPrice, s.stopOffsetPct, market.tickSize, 'STOP') };
  if (s.takeProfits.every((l) => l.offsetPct === null)) return stop;
  const takeProfitPrices = s.takeProfits.map((l) =>
    l.offsetPct === null
      ? (l.price ?? entryPrice)
      : offsetPrice(side, entryPrice, l.offsetPct, market.tickSize, 'TAKE_PROFIT'),
  );
  const merged: LevelMerge[] = [];
  let kept = 0;
  takeProfitPrices.forEach((price, i) => {
    if (i > 0 && price === takeProfitPrices[kept]) merged.push({ level: i + 1, into: kept + 1 });
    else kept = i;
  });
  return { takeProfitPrices, ...stop, merged };
};

/** Each level's size with the sizes merged into it; a merged level's is 0. */
export const mergedSizePcts = (
  sizePcts: readonly number[],
  merged: readonly LevelMerge[],
): number[] => {
  const into = new Map(merged.map((m) => [m.level - 1, m.into - 1]));
  return sizePcts.map((pct, i) =>
    into.has(i)
      ? 0
      : sizePcts.reduce(
          (acc, p, j) => (into.get(j) === i ? new Big(acc).plus(p).toNumber() : acc),
          pct,
        ),
  );
};

/**
 * Take-profit quantities when some levels were merged: each kept level takes its own size and
 * the sizes merged into it, the last kept level the remainder; a merged level exits nothing
 * (it triggers with the level it joined, at the same price, for zero).
 */
export const mergedQuantities = (
  quantity: number,
  sizePcts: readonly number[],
  merged: readonly LevelMerge[],
  stepSize: number,
): number[] => {
  if (merged.length === 0) return takeProfitQuantities(quantity, sizePcts, stepSize);
  const into = new Map(merged.map((m) => [m.level - 1, m.into - 1]));
  const keptPcts = mergedSizePcts(sizePcts, merged);
  const kept = keptPcts.flatMap((pct, i) => (into.has(i) ? [] : [{ i, pct }]));
  const quantities = takeProfitQuantities(
    quantity,
    kept.map((k) => k.pct),
    stepSize,
  );
  const byLevel = new Map(kept.map((k, n) => [k.i, quantities[n] ?? 0]));
  return sizePcts.map((_, i) => byLevel.get(i) ?? 0);
};
