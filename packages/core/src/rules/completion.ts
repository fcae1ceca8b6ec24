import { clientOrderId, PURPOSE } from '../clientOrderId';
import { event, type OrderEvent } from '../events/orderEvent';
import { settlement } from '../fees/settlement';
import type { OrderState } from '../state/orderState';
import { hasWorkingExits, uncoveredQuantity } from './exposure';
import { cancelNativeStops } from './nativeStop';
import { ocoOnAllFilled } from './oco';

/** Every level filled through take-profits, the order's stop cancelled: CLOSED. */
const closed = (s: OrderState, ts: number): OrderEvent[] => [
  ...ocoOnAllFilled(s, ts),
  event('SmartOrderClosed', ts, settlement(s)),
];

/**
 * Every take-profit has filled, yet something is open: an entry ladder's level filled while
 * its cancel was in flight (SEMANTICS §8.4), after the take-profit quantities were fixed. No
 * take-profit is left to take that lot, so it is exited at market at once, as a cancel with
 * flatten would exit it; the order ends CLOSED once it is flat.
 */
const exitLateLot = (s: OrderState, ts: number): OrderEvent[] => [
  event('FlattenTriggered', ts, {
    quantity: uncoveredQuantity(s),
    price: null,
    clientOrderId: clientOrderId(s.spec.orderId, PURPOSE.flatten, 0, 1),
  }),
];

/**
 * The terminal event, once nothing is left to exit and no exchange order of the order is
 * still working: CLOSED when every level filled through take-profits, STOPPED after a stop,
 * CANCELLED after a cancel with flatten.
 */
export const decideCompletion = (s: OrderState, ts: number): OrderEvent[] => {
  if (s.status === 'CLOSED' || s.status === 'STOPPED' || s.status === 'CANCELLED') return [];
  // A native stop may still fill until the venue confirms it gone: the order ends after that.
  const nativeLeft = (s.nativeStop?.orders.length ?? 0) > 0;
  if (s.closing === null) {
    if (s.status === 'PENDING' || !s.takeProfits.every((l) => l.status === 'FILLED')) return [];
    if (uncoveredQuantity(s) > 0) return exitLateLot(s, ts);
    // A ladder level whose cancel is in flight may fill yet: the order ends when it is gone.
    if (s.entryWorking) return [];
    if (nativeLeft) return cancelNativeStops(s, 'ORDER_ENDED', ts);
    return closed(s, ts);
  }
  // An entry whose cancel is still in flight may fill yet: the exit is done when it is gone. A
  // position left to the account's flatten does not hold the order open.
  const held = s.openQuantity > 0 && s.closing.leftToAccount !== true;
  if (held || hasWorkingExits(s) || s.entryWorking) return [];
  if (s.closing.reason === 'CLOSE')
    return nativeLeft ? cancelNativeStops(s, 'ORDER_ENDED', ts) : closed(s, ts);
  if (nativeLeft) return [];
  return s.closing.reason === 'STOP'
    ? [event('SmartOrderStopped', ts, { kind: s.closing.kind ?? 'STOP_LOSS', ...settlement(s) })]
    : [
        event('SmartOrderCancelled', ts, {
          flatten: s.closing.flatten ?? true,
          reason: s.closing.cancelReason ?? 'MANUAL',
          ...settlement(s),
        }),
      ];
};
