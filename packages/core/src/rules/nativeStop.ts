import { add, ceilToTick, floorToTick, mul, sub, sum } from '../decimal';
import { clientOrderId, PURPOSE } from '../clientOrderId';
import { event, type NativeStopCancelReason, type OrderEvent } from '../events/orderEvent';
import { isTerminal, type OrderState } from '../state/orderState';
import { better, isLong } from '../side';
import { effectiveStop } from './effectiveStop';

/** Where the native stop belongs: its trigger price and the size it protects. */
export interface NativeStopTarget {
  readonly stopPrice: number;
  readonly quantity: number;
}

/**
 * What the entry orders still working may add to the position: a market entry filling in parts
 * goes on filling on the venue whether or not the engine is alive to see it.
 */
const entryRest = (s: OrderState): number => {
  if (!s.entryWorking) return 0;
  if (s.entryLevels === null) {
    const rest = sub(s.spec.quantity, s.entryFilledQuantity);
    return rest > 0 ? rest : 0;
  }
  return sum(s.entryLevels.filter((l) => l.working).map((l) => sub(l.quantity, l.filledQuantity)));
};

/**
 * The native protective stop (SEMANTICS §7) rests `offsetRate` behind the effective managed
 * stop, rounded away from the market, while the engine manages the position: none before a
 * fill, none once an exit (stop or flatten) has started. It is for the open quantity and what
 * the working entry may still add, so that an engine that dies between two parts of its entry
 * leaves the whole position protected (a stop for the first part alone left the rest open
 * when the venue filled it); on the derivatives venues that keep native stops it is reduce-only
 * (or closes by position side), so it never closes more than is open when it fires.
 */
export const nativeStopTarget = (s: OrderState): NativeStopTarget | null => {
  const n = s.nativeStop;
  if (n === null || s.closing !== null || isTerminal(s) || s.openQuantity <= 0) return null;
  const stop = effectiveStop(s);
  if (stop === null) return null;
  const { tickSize } = s.spec.market;
  const stopPrice = isLong(s.spec.side)
    ? floorToTick(mul(stop.price, sub(1, n.offsetRate)), tickSize)
    : ceilToTick(mul(stop.price, add(1, n.offsetRate)), tickSize);
  return stopPrice > 0 ? { stopPrice, quantity: add(s.openQuantity, entryRest(s)) } : null;
};

/**
 * Whether a resting native stop must follow its target. A changed size or a looser target
 * (the user loosened the stop: the native one would fire first) moves it at once; a tighter
 * target only once it is a further `offsetRate` of the stop away, so that a trailing stop
 * raised on every tick moves the native one about once per offset, not once per tick, and the
 * venue's rate limits are kept for the exits.
 */
const mustMove = (s: OrderState, resting: NativeStopTarget, target: NativeStopTarget): boolean => {
  const { side } = s.spec;
  if (resting.quantity !== target.quantity) return true;
  if (better(side, resting.stopPrice, target.stopPrice)) return true;
  if (!better(side, target.stopPrice, resting.stopPrice)) return false;
  const stop = effectiveStop(s);
  const slack = stop === null ? 0 : mul(stop.price, s.nativeStop?.offsetRate ?? 0);
  return Math.abs(sub(target.stopPrice, resting.stopPrice)) >= slack;
};

/** Native stops that rest untouched (not being cancelled, not fired). */
const resting = (s: OrderState): string[] =>
  s.nativeStop?.orders
    .filter((o) => !o.cancelling && o.filledQuantity === 0)
    .map((o) => o.clientOrderId) ?? [];

/** Cancels every native stop that still rests; the managed exit or the end takes over. */
export const cancelNativeStops = (
  s: OrderState,
  reason: NativeStopCancelReason,
  ts: number,
): OrderEvent[] => {
  const ids = resting(s);
  return ids.length === 0
    ? []
    : [event('NativeStopCancelled', ts, { reason, clientOrderIds: ids })];
};

/**
 * Keeps the native stop behind the managed one after any decision: placed at the first fill,
 * moved (amended in place, or a new one placed whose acceptance cancels the old) when its
 * target moves, cancelled when the exit starts. A placement the venue refused is asked for
 * again only when the target has moved, never in a loop against a refusing venue.
 */
export const decideNativeStop = (s: OrderState, ts: number): OrderEvent[] => {
  const n = s.nativeStop;
  if (n === null) return [];
  const target = nativeStopTarget(s);
  if (target === null)
    return cancelNativeStops(s, s.closing === null ? 'ORDER_ENDED' : 'EXIT_STARTED', ts);
  const current = n.orders.find((o) => o.clientOrderId === n.current);
  if (current === undefined) {
    if (n.refused !== null && !mustMove(s, n.refused, target)) return [];
    return [placed(s, target, ts)];
  }
  if (!mustMove(s, current, target)) return [];
  if (n.mode === 'AMEND') {
    return [
      event('NativeStopMoved', ts, {
        clientOrderId: current.clientOrderId,
        from: current.stopPrice,
        stopPrice: target.stopPrice,
        quantity: target.quantity,
      }),
    ];
  }
  return [placed(s, target, ts)];
};

const placed = (s: OrderState, target: NativeStopTarget, ts: number): OrderEvent =>
  event('NativeStopPlaced', ts, {
    stopPrice: target.stopPrice,
    quantity: target.quantity,
    clientOrderId: clientOrderId(
      s.spec.orderId,
      PURPOSE.nativeStop,
      0,
      (s.nativeStop?.placed ?? 0) + 1,
    ),
    replaces: resting(s),
  });

/**
 * The venue accepted the native stop that replaces others: now, and not before, the old ones
 * are cancelled, so the position is never without a stop resting (place-new-then-cancel-old).
 */
export const decideNativeStopAccepted = (s: OrderState, cid: string, ts: number): OrderEvent[] => {
  if (s.nativeStop?.current !== cid) return [];
  const old = resting(s).filter((id) => id !== cid);
  return old.length === 0
    ? []
    : [event('NativeStopCancelled', ts, { reason: 'REPLACED', clientOrderIds: old })];
};
