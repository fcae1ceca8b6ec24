import { add, sub, weightedAverage, exitPnl } from '../decimal';
import type { OrderEvent } from '../events/orderEvent';
import { isLong } from '../side';
import { effectiveStop } from '../rules/effectiveStop';
import type {
  ExitOrder,
  NativeStopOrder,
  NativeStopState,
  OrderState,
  State,
  TakeProfitLevel,
} from './orderState';

const updateLevel = (
  s: OrderState,
  predicate: (l: TakeProfitLevel) => boolean,
  update: (l: TakeProfitLevel) => TakeProfitLevel,
): readonly TakeProfitLevel[] => s.takeProfits.map((l) => (predicate(l) ? update(l) : l));

const withExitFill = (
  s: OrderState,
  clientOrderId: string,
  price: number,
  quantity: number,
): OrderState => ({
  ...s,
  exits: s.exits.flatMap((x): ExitOrder[] => {
    if (x.clientOrderId !== clientOrderId) return [x];
    const filledQuantity = add(x.filledQuantity, quantity);
    return filledQuantity >= x.quantity ? [] : [{ ...x, filledQuantity }];
  }),
  openQuantity: sub(s.openQuantity, quantity),
  realisedPnl: add(
    s.realisedPnl,
    exitPnl(isLong(s.spec.side), s.entryPrice ?? price, price, quantity),
  ),
});

const withoutExit = (s: OrderState, clientOrderId: string): OrderState => ({
  ...s,
  exits: s.exits.filter((x) => x.clientOrderId !== clientOrderId),
});

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
const withoutNative = (s: OrderState, cid: string, refused: boolean): OrderState =>
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

const isNative = (s: OrderState, cid: string): boolean =>
  s.nativeStop?.orders.some((o) => o.clientOrderId === cid) === true;

const evolveOrder = (s: OrderState, e: OrderEvent): OrderState => {
  switch (e.type) {
    case 'SmartOrderCreated':
      return s;
    case 'EntryPartiallyFilled':
      return {
        ...s,
        entryPrice: weightedAverage([
          { price: s.entryPrice ?? 0, quantity: s.entryFilledQuantity },
          { price: e.data.price, quantity: e.data.quantity },
        ]),
        entryFilledQuantity: e.data.filledQuantity,
        openQuantity: add(s.openQuantity, e.data.quantity),
      };
    case 'EntryFilled':
      return {
        ...s,
        status: 'ACTIVE',
        entryWorking: false,
        entryPrice: e.data.price,
        entryFilledQuantity: e.data.quantity,
        // The last lot joins the position; lots exited before (a stop on a partial entry) stay out.
        openQuantity: add(s.openQuantity, sub(e.data.quantity, s.entryFilledQuantity)),
        takeProfits: s.takeProfits.map((l, i) => ({
          ...l,
          quantity: e.data.takeProfitQuantities[i] ?? 0,
        })),
      };
    case 'TrailingArmed':
    case 'TrailingRaised':
      return s.trailing === null
        ? s
        : {
            ...s,
            trailing: {
              ...s.trailing,
              armed: true,
              mark: e.data.mark,
              stopPrice: e.data.stopPrice,
            },
          };
    case 'TpTriggered':
      return {
        ...s,
        takeProfits: updateLevel(
          s,
          (l) => l.level === e.data.level,
          (l) => ({
            ...l,
            status: 'TRIGGERED',
            clientOrderId: e.data.clientOrderId,
            attempts: l.attempts + 1,
            working: e.data.quantity > 0,
          }),
        ),
      };
    case 'TpFilled': {
      const takeProfits = updateLevel(
        s,
        (l) => l.level === e.data.level,
        (l) => {
          const filledQuantity = add(l.filledQuantity, e.data.quantity);
          const done = filledQuantity >= l.quantity;
          return {
            ...l,
            filledQuantity,
            working: l.working && !done,
            status: done ? 'FILLED' : l.status,
          };
        },
      );
      return {
        ...s,
        takeProfits,
        anyTpFilled: true,
        status: s.status === 'ACTIVE' ? 'PARTIALLY_CLOSED' : s.status,
        openQuantity: sub(s.openQuantity, e.data.quantity),
        realisedPnl: add(
          s.realisedPnl,
          exitPnl(isLong(s.spec.side), s.entryPrice ?? e.data.price, e.data.price, e.data.quantity),
        ),
      };
    }
    case 'BreakEvenMoved':
      return { ...s, stopLoss: e.data.to, stopSource: 'BREAK_EVEN', breakEvenMoved: true };
    case 'StopLossTriggered':
      return {
        ...s,
        closing: { reason: 'STOP', kind: e.data.kind, attempts: 1 },
        exits:
          e.data.quantity > 0
            ? [
                ...s.exits,
                {
                  clientOrderId: e.data.clientOrderId,
                  quantity: e.data.quantity,
                  filledQuantity: 0,
                },
              ]
            : s.exits,
      };
    case 'StopLossRetried':
    case 'FlattenTriggered':
      return {
        ...s,
        closing:
          s.closing === null
            ? { reason: 'CANCEL', kind: null, attempts: 1 }
            : { ...s.closing, attempts: s.closing.attempts + 1 },
        exits:
          e.data.quantity > 0
            ? [
                ...s.exits,
                {
                  clientOrderId: e.data.clientOrderId,
                  quantity: e.data.quantity,
                  filledQuantity: 0,
                },
              ]
            : s.exits,
      };
    case 'StopLossFilled':
    case 'FlattenFilled':
      return withExitFill(s, e.data.clientOrderId, e.data.price, e.data.quantity);
    case 'OcoCancelled': {
      const cancelled = new Set(e.data.levels);
      return {
        ...s,
        takeProfits: updateLevel(
          s,
          (l) => cancelled.has(l.level) && l.status !== 'FILLED',
          (l) => ({ ...l, status: 'CANCELLED' }),
        ),
      };
    }
    case 'StopLossModified':
      return { ...s, stopLoss: e.data.to, stopSource: 'STOP_LOSS' };
    case 'TrailingModified':
      return {
        ...s,
        trailing:
          s.trailing === null
            ? {
                callbackRate: e.data.to,
                activationPrice: null,
                armed: false,
                mark: null,
                stopPrice: null,
              }
            : {
                ...s.trailing,
                callbackRate: e.data.to,
                stopPrice: e.data.stopPrice ?? s.trailing.stopPrice,
              },
      };
    case 'BreakEvenToggled':
      return { ...s, breakEven: e.data.enabled };
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
      return withNativeFill(s, e.data.clientOrderId, e.data.price, e.data.quantity);
    case 'ExchangeOrderAccepted':
      return s;
    case 'ExchangeOrderRejected':
    case 'ExchangeOrderCancelled': {
      const cid = e.data.clientOrderId;
      if (isNative(s, cid)) return withoutNative(s, cid, e.type === 'ExchangeOrderRejected');
      if (cid === s.spec.entryClientOrderId) return { ...s, entryWorking: false };
      const levelHit = s.takeProfits.some((l) => l.clientOrderId === cid);
      if (levelHit) {
        return {
          ...s,
          takeProfits: updateLevel(
            s,
            (l) => l.clientOrderId === cid,
            // An exit the exchange refused or dropped is not a fill: the level waits for its price again.
            (l) => ({
              ...l,
              working: false,
              status: l.status === 'TRIGGERED' ? 'PENDING' : l.status,
            }),
          ),
        };
      }
      return withoutExit(s, cid);
    }
    case 'SmartOrderClosed':
      return { ...s, status: 'CLOSED' };
    case 'SmartOrderStopped':
      return { ...s, status: 'STOPPED' };
    case 'SmartOrderCancelled':
      return {
        ...s,
        status: 'CANCELLED',
        entryWorking: false,
        takeProfits: updateLevel(
          s,
          (l) => l.status === 'PENDING' || l.status === 'TRIGGERED',
          (l) => ({ ...l, status: 'CANCELLED' }),
        ),
      };
  }
};

const created = (e: Extract<OrderEvent, { type: 'SmartOrderCreated' }>): OrderState => {
  const spec = e.data;
  return {
    spec,
    status: 'PENDING',
    entryWorking: true,
    entryFilledQuantity: 0,
    entryPrice: null,
    takeProfits: spec.takeProfits.map((l, i) => ({
      level: i + 1,
      price: l.price,
      sizePct: l.sizePct,
      quantity: 0,
      filledQuantity: 0,
      status: 'PENDING',
      clientOrderId: null,
      attempts: 0,
      working: false,
    })),
    stopLoss: spec.stopLoss?.price ?? null,
    stopSource: spec.stopLoss === undefined ? null : 'STOP_LOSS',
    breakEven: spec.breakEven,
    breakEvenMoved: false,
    anyTpFilled: false,
    trailing:
      spec.trailing === undefined
        ? null
        : {
            callbackRate: spec.trailing.callbackRate,
            activationPrice: spec.trailing.activationPrice ?? null,
            armed: false,
            mark: null,
            stopPrice: null,
          },
    exits: [],
    closing: null,
    nativeStop:
      spec.nativeStop === undefined || spec.nativeStop.mode === 'OFF'
        ? null
        : {
            offsetRate: spec.nativeStop.offsetRate,
            mode: spec.nativeStop.mode,
            placed: 0,
            orders: [],
            current: null,
            refused: null,
          },
    openQuantity: 0,
    realisedPnl: 0,
    version: 1,
  };
};

/** The state after one more event: a pure left fold step, never fails. */
export const evolve = (state: State, event: OrderEvent): State => {
  if (state === null) return event.type === 'SmartOrderCreated' ? created(event) : null;
  const next = evolveOrder(state, event);
  return { ...next, version: state.version + 1 };
};

export const fold = (events: readonly OrderEvent[], from: State = null): State =>
  events.reduce(evolve, from);
