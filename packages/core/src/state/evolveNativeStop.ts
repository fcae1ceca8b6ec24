import { add, exitPnl, sub } from '../decimal';
import type { OrderEventOf, SmartOrderCreatedData } from '../events/orderEvent';
import { effectiveStop } from '../rules/effectiveStop';
import { isLong } from '../side';
import type { NativeStopOrder, NativeStopState, OrderState } from './orderState';
import { withFee } from './evolveFees';

/** The fold of an order's native protective stop (SEMANTICS §7): its orders, and which one is kept. */

const withNative = (
  s: OrderState,
  update: (n: NativeStopState) => Partial<NativeStopState>,
): OrderState =>
  s.nativeStop === null ? s : { ...s, nativeStop: { ...s.nativeStop, ...update(s.nativeStop) } };

const mapNative = (
  n: NativeStopState,
  cid: string,
  update: (o: NativeStopOrder) => NativeStopOrder | null,
): readonly NativeStopOrder[] =>
  n.orders.flatMap((o) => {
    if (o.clientOrderId !== cid) return [o];
    const next = update(o);
    return next === null ? [] : [next];
  });

/** A native stop that fills is the stop firing on the exchange: the order is being stopped. */
const withNativeFill = (
  s: OrderState,
  cid: string,
  price: number,
  quantity: number,
): OrderState => {
  const closing = s.closing ?? {
    reason: 'STOP' as const,
    kind: effectiveStop(s)?.kind ?? 'STOP_LOSS',
    attempts: 1,
  };
  return {
    ...withNative(s, (n) => ({
      // Reduce-only: what the stop may still fill is capped by what is left of the position.
      orders: mapNative(n, cid, (o) => {
        const filledQuantity = add(o.filledQuantity, quantity);
        const left = sub(s.openQuantity, quantity);
        return filledQuantity >= o.quantity || left <= 0
          ? null
          : { ...o, filledQuantity, quantity: Math.min(o.quantity, add(filledQuantity, left)) };
      }),
      current: n.current === cid ? null : n.current,
    })),
    closing,
    openQuantity: sub(s.openQuantity, quantity),
    realisedPnl: add(
      s.realisedPnl,
      exitPnl(isLong(s.spec.side), s.entryPrice ?? price, price, quantity),
    ),
  };
};

/** A native stop the exchange no longer holds; a refused placement waits for the next move. */
export const nativeStopGone = (s: OrderState, cid: string, refused: boolean): OrderState =>
  withNative(s, (n) => {
    const gone = n.orders.find((o) => o.clientOrderId === cid);
    return {
      orders: mapNative(n, cid, () => null),
      current: n.current === cid ? null : n.current,
      refused:
        refused && gone !== undefined && n.current === cid
          ? { stopPrice: gone.stopPrice, quantity: gone.quantity }
          : n.refused,
    };
  });

export const isNativeStop = (s: OrderState, cid: string): boolean =>
  s.nativeStop?.orders.some((o) => o.clientOrderId === cid) === true;

/** None where the venue keeps none: an order with `mode: OFF` folds like one without. */
export const initialNativeStop = (spec: SmartOrderCreatedData): NativeStopState | null =>
  spec.nativeStop === undefined || spec.nativeStop.mode === 'OFF'
    ? null
    : {
        offsetRate: spec.nativeStop.offsetRate,
        mode: spec.nativeStop.mode,
        placed: 0,
        orders: [],
        current: null,
        refused: null,
      };

type NativeStopEvent = OrderEventOf<
  'NativeStopPlaced' | 'NativeStopMoved' | 'NativeStopCancelled' | 'NativeStopFilled'
>;

export const evolveNativeStop = (s: OrderState, e: NativeStopEvent): OrderState => {
  switch (e.type) {
    case 'NativeStopPlaced':
      return withNative(s, (n) => ({
        placed: n.placed + 1,
        orders: [
          ...n.orders,
          {
            clientOrderId: e.data.clientOrderId,
            stopPrice: e.data.stopPrice,
            quantity: e.data.quantity,
            filledQuantity: 0,
            cancelling: false,
          },
        ],
        current: e.data.clientOrderId,
        refused: null,
      }));
    case 'NativeStopMoved':
      return withNative(s, (n) => ({
        orders: mapNative(n, e.data.clientOrderId, (o) => ({
          ...o,
          stopPrice: e.data.stopPrice,
          quantity: e.data.quantity,
        })),
      }));
    case 'NativeStopCancelled': {
      const cancelled = new Set(e.data.clientOrderIds);
      return withNative(s, (n) => ({
        orders: n.orders.map((o) =>
          cancelled.has(o.clientOrderId) ? { ...o, cancelling: true } : o,
        ),
        current: n.current !== null && cancelled.has(n.current) ? null : n.current,
      }));
    }
    case 'NativeStopFilled':
      return withFee(
        withNativeFill(s, e.data.clientOrderId, e.data.price, e.data.quantity),
        e.data.fee,
        e.data.price,
        false,
      );
  }
};
