import { event, type OrderEvent } from '../events/orderEvent';
import { settlement } from '../fees/settlement';
import type { OrderState } from '../state/orderState';
import { hasWorkingExits } from './exposure';
import { cancelNativeStops } from './nativeStop';
import { ocoOnAllFilled } from './oco';

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
    if (nativeLeft) return cancelNativeStops(s, 'ORDER_ENDED', ts);
    return [...ocoOnAllFilled(s, ts), event('SmartOrderClosed', ts, settlement(s))];
  }
  // An entry whose cancel is still in flight may fill yet: the exit is done when it is gone.
  if (s.openQuantity > 0 || hasWorkingExits(s) || s.entryWorking || nativeLeft) return [];
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
