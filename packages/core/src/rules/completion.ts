import { event, type OrderEvent } from '../events/orderEvent';
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
  if (s.closing === null) {
    if (s.status === 'PENDING' || !s.takeProfits.every((l) => l.status === 'FILLED')) return [];
    return [
      ...ocoOnAllFilled(s, ts),
      ...cancelNativeStops(s, 'ORDER_ENDED', ts),
      event('SmartOrderClosed', ts, {}),
    ];
  }
  // An entry whose cancel is still in flight may fill yet: the exit is done when it is gone.
  if (s.openQuantity > 0 || hasWorkingExits(s) || s.entryWorking) return [];
  return [
    ...cancelNativeStops(s, 'ORDER_ENDED', ts),
    s.closing.reason === 'STOP'
      ? event('SmartOrderStopped', ts, { kind: s.closing.kind ?? 'STOP_LOSS' })
      : event('SmartOrderCancelled', ts, { flatten: true, reason: 'MANUAL' }),
  ];
};
