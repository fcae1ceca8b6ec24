import type { OrderEvent } from '../events/orderEvent';
import { initialNativeStop } from './evolveNativeStop';
import type { OrderState } from './orderState';

// Every new order starts with no exits and no unvalued fees. States are never changed in place
// (each event makes a new one), so one frozen empty list serves them all: two arrays fewer per
// open order, which a million-order book feels (docs/performance.md).
const NO_EXITS: OrderState['exits'] = Object.freeze([]);
const NO_UNVALUED_FEES: OrderState['feesUnvalued'] = Object.freeze([]);

/**
 * The state a smart order starts in, from its `SmartOrderCreated`: nothing filled, every level
 * and trail waiting, an entry ladder's levels all working, a trailing entry not yet sent.
 */
export const createdState = (e: Extract<OrderEvent, { type: 'SmartOrderCreated' }>): OrderState => {
  const spec = e.data;
  return {
    spec,
    status: 'PENDING',
    // A trailing entry is sent only when its trigger is reached (SEMANTICS §8.3).
    entryWorking: spec.entry.type !== 'TRAILING',
    createdTs: e.ts,
    firstEntryFillTs: null,
    entryLevels:
      spec.entries?.map((l, i) => ({
        level: i + 1,
        price: l.price ?? null,
        quantity: l.quantity,
        filledQuantity: 0,
        averagePrice: null,
        clientOrderId: l.clientOrderId,
        status: 'WORKING' as const,
        working: true,
      })) ?? null,
    entryTrail:
      spec.entry.type === 'TRAILING'
        ? {
            callbackRate: spec.entry.callbackRate,
            activationPrice: spec.entry.activationPrice ?? null,
            armed: false,
            mark: null,
            triggerPrice: null,
            triggered: false,
          }
        : null,
    entryFilledQuantity: 0,
    entryPrice: null,
    takeProfits: spec.takeProfits.map((l, i) => ({
      level: i + 1,
      price: l.price ?? null,
      offsetPct: l.offsetPct ?? null,
      mergedInto: null,
      trail:
        l.trailing === undefined
          ? null
          : { callbackRate: l.trailing.callbackRate, mark: null, stopPrice: null },
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
    stopOffsetPct: spec.stopLoss?.offsetPct ?? null,
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
    exits: NO_EXITS,
    closing: null,
    nativeStop: initialNativeStop(spec),
    entryNetQuantity: 0,
    openQuantity: 0,
    realisedPnl: 0,
    fees: 0,
    entryFees: 0,
    feesUnvalued: NO_UNVALUED_FEES,
    version: 1,
  };
};
