import { sum } from '../decimal';
import type { OrderEvent } from '../events/orderEvent';
import { fold } from '../state/evolve';

/** The events that record an exit's fill: each carries its lot and its order's client order id. */
const EXIT_FILLS: ReadonlySet<OrderEvent['type']> = new Set([
  'TpFilled',
  'StopLossFilled',
  'FlattenFilled',
  'NativeStopFilled',
]);

/**
 * What an order's log holds as filled for one of its exchange orders: an entry's (or an entry
 * ladder level's) fills as the fold counts them, which reads either version of the log; an exit's
 * as the sum of its fill events' lots, which still counts an exit that filled and left the state.
 */
export const recordedFill = (events: readonly OrderEvent[], clientOrderId: string): number => {
  const state = fold(events);
  if (state !== null) {
    const level = state.entryLevels?.find((l) => l.clientOrderId === clientOrderId);
    if (level !== undefined) return level.filledQuantity;
    if (state.entryLevels === null && clientOrderId === state.spec.entryClientOrderId)
      return state.entryFilledQuantity;
  }
  return sum(
    events.flatMap((e) =>
      EXIT_FILLS.has(e.type) &&
      (e.data as { clientOrderId?: string }).clientOrderId === clientOrderId
        ? [(e.data as { quantity: number }).quantity]
        : [],
    ),
  );
};

/**
 * A report for an order that has ended which tells nothing its log does not hold: the venue's
 * late copy of a fill it recorded (Binance answers a market order with its fills, then sends the
 * same fill on its stream, after the order has closed), or the end of an order with no more
 * filled than recorded. The core refuses it like any command on a terminal order (SEMANTICS §2);
 * the engine need not warn of it, nor take it for an unexpected fill. A report without its
 * cumulative quantity cannot be told from a new fill, and is not one of these.
 */
export const isLateCopy = (
  events: readonly OrderEvent[],
  report: { readonly clientOrderId: string; readonly cumulativeQuantity?: number },
): boolean =>
  report.cumulativeQuantity !== undefined &&
  report.cumulativeQuantity <= recordedFill(events, report.clientOrderId);
