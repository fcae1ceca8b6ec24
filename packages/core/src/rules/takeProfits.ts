import { percentOfFloored, sub, sum } from '../decimal';
import type { OrderEvent } from '../events/orderEvent';
import type { OrderState, TakeProfitLevel } from '../state/orderState';
import { reachedFavourably } from '../side';
import { triggerLevel } from './levelTrigger';
import { decideTrailingLevel, isTrailingLevel } from './trailingTakeProfit';

/**
 * Take-profit quantities, fixed at entry fill: each level `floor_to_step(filled × sizePct /
 * 100)`, the last the exact remainder, so the ladder exits exactly the filled quantity.
 */
export const takeProfitQuantities = (
  filledQuantity: number,
  sizePcts: readonly number[],
  stepSize: number,
): number[] => {
  const head = sizePcts.slice(0, -1).map((pct) => percentOfFloored(filledQuantity, pct, stepSize));
  return [...head, sub(filledQuantity, sum(head))];
};

/**
 * A level the entry's parts so far split to nothing waits while the entry may still grow
 * (SEMANTICS §9.4): done at once for 0, it would count as the first take-profit fill and fix
 * every level's quantity on a sliver of the entry.
 */
const waitsForEntry = (s: OrderState, l: TakeProfitLevel): boolean =>
  s.entryWorking && !s.anyTpFilled && l.quantity <= l.filledQuantity;

/**
 * Step 4 of a tick: every pending level the price reached triggers, nearest first, all in
 * the same tick when a gap crossed several; a trailing level (§8.2) arms, trails or triggers
 * on its own trail instead.
 */
export const decideTakeProfits = (s: OrderState, price: number, ts: number): OrderEvent[] => {
  // A loop, not filter and flatMap: most ticks reach no level, and this is on every tick of
  // every open order the trigger index hands out (a third of a quiet tick's cost as flatMap).
  const events: OrderEvent[] = [];
  for (const l of s.takeProfits) {
    if (l.status !== 'PENDING' || waitsForEntry(s, l)) continue;
    if (isTrailingLevel(l)) events.push(...decideTrailingLevel(s, l, price, ts));
    else if (l.price !== null && reachedFavourably(s.spec.side, price, l.price))
      events.push(...triggerLevel(s, l, price, ts));
  }
  return events;
};
