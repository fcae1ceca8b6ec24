import { Map as PersistentMap } from 'immutable';

/** An order the account sent and has not seen reported done. */
export interface TrackedOrder {
  readonly symbol: string;
  /** Sent reduce-only: it can only shrink a position, never open one. */
  readonly reduceOnly: boolean;
}

/**
 * The account's working orders, by client order id, with how many work on each symbol.
 *
 * Persistent maps, not records: every send and every done report changes them, and a state is
 * never changed in place, so a record was copied whole per event. With a book of 2,500 orders a
 * take-profit's send and its fill copied 2,500 entries twice (about 1 ms of each trade's 3 ms to
 * the wire on the venue), and a rebuild of 10,000 orders with an account took 75 s, quadratic
 * in the book. A change here costs a few small nodes, whatever the book's size; the count per
 * symbol is the runaway guard's, checked at every send.
 */
export interface WorkingOrders {
  readonly byId: PersistentMap<string, TrackedOrder>;
  readonly perSymbol: PersistentMap<string, number>;
}

export const NO_WORKING_ORDERS: WorkingOrders = {
  byId: PersistentMap(),
  perSymbol: PersistentMap(),
};

const counted = (
  perSymbol: PersistentMap<string, number>,
  symbol: string,
  by: 1 | -1,
): PersistentMap<string, number> => {
  const count = (perSymbol.get(symbol) ?? 0) + by;
  return count === 0 ? perSymbol.delete(symbol) : perSymbol.set(symbol, count);
};

/** `order` working under `clientOrderId`, replacing what worked under it before. */
export const withWorkingOrder = (
  working: WorkingOrders,
  clientOrderId: string,
  order: TrackedOrder,
): WorkingOrders => {
  const before = working.byId.get(clientOrderId);
  const perSymbol =
    before === undefined ? working.perSymbol : counted(working.perSymbol, before.symbol, -1);
  return {
    byId: working.byId.set(clientOrderId, order),
    perSymbol: counted(perSymbol, order.symbol, 1),
  };
};

/** No order working under `clientOrderId` (unchanged when none did). */
export const withoutWorkingOrder = (
  working: WorkingOrders,
  clientOrderId: string,
): WorkingOrders => {
  const before = working.byId.get(clientOrderId);
  if (before === undefined) return working;
  return {
    byId: working.byId.delete(clientOrderId),
    perSymbol: counted(working.perSymbol, before.symbol, -1),
  };
};

/** How many orders work on `symbol`. */
export const workingOn = (working: WorkingOrders, symbol: string): number =>
  working.perSymbol.get(symbol) ?? 0;

/** The symbols with an order working. */
export const workingSymbols = (working: WorkingOrders): string[] => [...working.perSymbol.keys()];

/** `{ clientOrderId, symbol }` of every working order (of `symbol` only, when given), by id. */
export const workingOrderRefs = (
  working: WorkingOrders,
  symbol?: string,
): { clientOrderId: string; symbol: string }[] => {
  const refs: { clientOrderId: string; symbol: string }[] = [];
  for (const [clientOrderId, o] of working.byId)
    if (symbol === undefined || o.symbol === symbol) refs.push({ clientOrderId, symbol: o.symbol });
  return refs.sort((a, b) => (a.clientOrderId < b.clientOrderId ? -1 : 1));
};
