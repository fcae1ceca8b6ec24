import Big from 'big.js';
import {
  accountCommandsOf,
  evolve,
  type OrderEvent,
  type OrderState,
  type State,
  type Tick,
} from '@smart-orders/core';
import type { StoredEvent } from '@smart-orders/engine';

/**
 * The last tick a resumed replay committed, as a new paper book must meet it: its print less
 * what the log's fills at that tick already took (SEMANTICS §9.4, one budget per tick). The
 * interrupted replay's book knew what was left; without this, an exit whose send the kill cut
 * off would meet the whole print after the restart, where it would have met the rest, and the
 * resumed log would differ from one never interrupted.
 *
 * The tick's fills are those of its time after `from`, the position its events begin after
 * (the replay's checkpoint keeps it): a recording prints many trades in one millisecond, and
 * fills at an earlier tick of the same time took from that tick's print, not from this one's.
 * Null (a checkpoint written before it was kept): every fill of the tick's time counts.
 */
export const printLeft = (
  tick: Tick,
  committed: readonly StoredEvent[],
  from: number | null = null,
): Tick => {
  const states = new Map<string, State>();
  let bought = new Big(0);
  let sold = new Big(0);
  for (const stored of committed) {
    if (stored.orderId === null) continue;
    const e = { type: stored.type, ts: stored.ts, data: stored.data } as OrderEvent;
    const prev = states.get(stored.orderId) ?? null;
    const next = evolve(prev, e);
    states.set(stored.orderId, next);
    if (next === null || e.ts !== tick.ts || next.spec.symbol !== tick.symbol) continue;
    if (from !== null && stored.position <= from) continue;
    for (const c of accountCommandsOf(prev, next as OrderState, e, []))
      if (c.type === 'FillObserved')
        if (c.side === 'BUY') bought = bought.plus(c.quantity);
        else sold = sold.plus(c.quantity);
  }
  const less = (size: number | undefined, taken: Big): number | undefined =>
    size === undefined ? undefined : Math.max(0, new Big(size).minus(taken).toNumber());
  return {
    ...tick,
    ...(tick.price === undefined || tick.quantity === undefined
      ? {}
      : { quantity: less(tick.quantity, bought.plus(sold)) }),
    ...(tick.askSize === undefined ? {} : { askSize: less(tick.askSize, bought) }),
    ...(tick.bidSize === undefined ? {} : { bidSize: less(tick.bidSize, sold) }),
  };
};
