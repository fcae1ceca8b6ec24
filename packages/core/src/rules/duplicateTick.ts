import type { Tick } from '../commands/tick';

/**
 * What the duplicate-tick rule (SEMANTICS §6) remembers of one symbol: the last tick applied,
 * and the ids of the ticks applied at its time. Delivery of ticks may be at-least-once (a
 * reconnecting feed replays its last prints, a recording holds a row twice); a tick delivered
 * again must change nothing, or a stop that the first delivery moved (break-even, a trailing
 * raise) would be tested against the very price that moved it.
 */
export interface TickLedger {
  readonly last: Tick;
  /**
   * The ids of the ticks applied at the last one's time before it (its own is `last.id`): a
   * tick whose time moves on, the common case, starts an empty set and costs no allocation.
   */
  readonly earlierIds: ReadonlySet<string>;
}

const NO_IDS: ReadonlySet<string> = new Set();

/**
 * Every field a tick may carry: the type checks that none is missing, so a field added to
 * `Tick` is added here too.
 */
const FIELDS = Object.keys({
  type: true,
  symbol: true,
  ts: true,
  price: true,
  bid: true,
  ask: true,
  quantity: true,
  bidSize: true,
  askSize: true,
  id: true,
  offMarket: true,
} satisfies Record<keyof Tick, true>) as readonly (keyof Tick)[];

/**
 * Equal in every field the tick carries (price, bid, ask, sizes, flags): the same print again.
 * A loop over the known fields, not over each tick's keys: it runs on every tick that shares
 * its time with the last, and a `for…in` over two ticks cost an allocation each time. A field
 * absent from both is equal; absent from one only, it differs.
 */
const sameInEveryField = (a: Tick, b: Tick): boolean => {
  for (const f of FIELDS) if (a[f] !== b[f]) return false;
  return true;
};

/**
 * The ledger after applying `tick`, or null when the tick is a duplicate and must change
 * nothing (nothing decided, nothing filled, not even its printed size used): a tick older than
 * the last applied; at the same time, one whose id was applied at that time, or, without an
 * id, one equal to the last in every field. `ledger` is that of the tick's symbol.
 */
export const admitTick = (ledger: TickLedger | undefined, tick: Tick): TickLedger | null => {
  if (ledger === undefined || tick.ts > ledger.last.ts) return { last: tick, earlierIds: NO_IDS };
  const { last, earlierIds } = ledger;
  if (tick.ts < last.ts) return null;
  const duplicate =
    tick.id === undefined
      ? sameInEveryField(last, tick)
      : tick.id === last.id || earlierIds.has(tick.id);
  if (duplicate) return null;
  return {
    last: tick,
    earlierIds: last.id === undefined ? earlierIds : new Set([...earlierIds, last.id]),
  };
};
