import Big from 'big.js';
import type { AccountCommand } from '../account/accountCommand';
import type { OrderEvent } from '../events/orderEvent';
import type { ReportedFee } from '../fees/reportedFee';
import { opposite } from '../side';
import type { OrderState, State } from '../state/orderState';

/** An exchange order an order event sends: what the account counts as working and sent. */
export interface SentOrder {
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly reduceOnly: boolean;
}

const NO_ORDERS: readonly { readonly clientOrderId: string }[] = [];

/**
 * Whether `test` holds for a client order id of a smart order that may still be working on the
 * exchange; stops at the first that it holds for.
 */
const someWorkingId = (s: State, test: (clientOrderId: string) => boolean): boolean => {
  if (s === null) return false;
  if (s.entryLevels !== null) {
    for (const l of s.entryLevels) if (l.working && test(l.clientOrderId)) return true;
  } else if (s.entryWorking && test(s.spec.entryClientOrderId)) return true;
  for (const l of s.takeProfits)
    if (l.working && l.clientOrderId !== null && test(l.clientOrderId)) return true;
  for (const x of s.exits) if (test(x.clientOrderId)) return true;
  for (const o of s.nativeStop?.orders ?? NO_ORDERS) if (test(o.clientOrderId)) return true;
  return false;
};

const workingIds = (s: State): Set<string> => {
  const ids = new Set<string>();
  someWorkingId(s, (id) => {
    ids.add(id);
    return false;
  });
  return ids;
};

/** Whether a smart order may have an order working on the exchange (whose reports it awaits). */
export const mayHaveWorkingOrder = (s: State): boolean => someWorkingId(s, () => true);

/**
 * The price of the lot an entry event adds, from the average over everything filled and the
 * average before it, in exact decimals: in binary floats 0.2 − 0.1566 is 0.04340000000000002,
 * and the account's position would carry that noise into every later event. The averages are
 * themselves rounded, so the lot's price is kept to 8 decimals.
 */
const lotPrice = (
  average: number,
  quantity: number,
  averageBefore: number | null | undefined,
  before: number,
  lot: Big,
): number =>
  before === 0
    ? average
    : new Big(average)
        .times(quantity)
        .minus(new Big(averageBefore ?? average).times(before))
        .div(lot)
        .round(8)
        .toNumber();

const fillOf = (
  prev: State,
  next: OrderState,
  e: OrderEvent,
): { side: 'BUY' | 'SELL'; price: number; quantity: number; reduceOnly: boolean } | null => {
  const { side } = next.spec;
  switch (e.type) {
    case 'EntryPartiallyFilled':
      return { side, price: e.data.price, quantity: e.data.quantity, reduceOnly: false };
    case 'EntryFilled': {
      const before = prev?.entryFilledQuantity ?? 0;
      const lot = new Big(e.data.filledQuantity ?? e.data.quantity).minus(before);
      if (lot.lte(0)) return null;
      // Each part of an entry is its own fill (SEMANTICS §9.4): its price and quantity.
      if (lot.eq(e.data.quantity))
        return { side, price: e.data.price, quantity: e.data.quantity, reduceOnly: false };
      // A version 1 completion names the totals of the entry (or of a ladder's level, §8.4):
      // the lot it adds is priced from them and the averages before it.
      if (e.data.filledQuantity !== undefined) {
        const level = prev?.entryLevels?.find((l) => l.level === e.data.level);
        const price = lotPrice(
          e.data.price,
          e.data.quantity,
          level?.averagePrice,
          level?.filledQuantity ?? 0,
          lot,
        );
        return { side, price, quantity: lot.toNumber(), reduceOnly: false };
      }
      const price = lotPrice(e.data.price, e.data.quantity, prev?.entryPrice, before, lot);
      return { side, price, quantity: lot.toNumber(), reduceOnly: false };
    }
    case 'TpFilled':
    case 'StopLossFilled':
    case 'FlattenFilled':
    case 'NativeStopFilled':
      return e.data.quantity > 0
        ? { side: opposite(side), price: e.data.price, quantity: e.data.quantity, reduceOnly: true }
        : null;
    default:
      return null;
  }
};

/**
 * The account's feed (a policy of SEMANTICS §7): what one order event tells the account
 * decider — the orders it sends (`OrderSent`, the event's exchange requests), its fill
 * (`FillObserved`), and the exchange orders it ends (`OrderDone`: working before the event,
 * not after).
 */
export const accountCommandsOf = (
  prev: State,
  next: OrderState,
  e: OrderEvent,
  sent: readonly SentOrder[],
): AccountCommand[] => {
  const commands: AccountCommand[] = [];
  const fill = fillOf(prev, next, e);
  if (fill !== null) {
    // The fill's fee goes with it (SEMANTICS §9.1–§9.2): a base-asset fee leaves the account
    // holding less, and every fee counts in the session's net P&L and so the daily loss limit.
    const fee = (e.data as { fee?: ReportedFee }).fee;
    commands.push({
      type: 'FillObserved',
      ts: e.ts,
      orderId: next.spec.orderId,
      symbol: next.spec.symbol,
      ...fill,
      ...(fee === undefined ? {} : { fee }),
    });
  }
  const after = workingIds(next);
  for (const cid of workingIds(prev))
    if (!after.has(cid)) commands.push({ type: 'OrderDone', ts: e.ts, clientOrderId: cid });
  for (const order of sent)
    commands.push({
      type: 'OrderSent',
      ts: e.ts,
      symbol: order.symbol,
      clientOrderId: order.clientOrderId,
      reduceOnly: order.reduceOnly,
    });
  return commands;
};
