import {
  opposite,
  sub,
  type OrderEvent,
  type OrderState,
  type SmartOrderCreatedData,
} from '@smart-orders/core';
import type { OrderRequest, StopChange } from './ports/exchange';

export interface PlaceEffect {
  readonly kind: 'place';
  readonly request: OrderRequest;
}

export interface CancelEffect {
  readonly kind: 'cancel';
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly ts: number;
}

/** A resting native stop moved in place (venues that amend, SEMANTICS §7). */
export interface AmendEffect {
  readonly kind: 'amend';
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly change: StopChange;
}

/** What the engine asks the exchange to do after a decision has been committed. */
export type Effect = PlaceEffect | CancelEffect | AmendEffect;

/** What the account's protocols ask: they place and cancel, and never move a stop. */
export type AccountEffect = PlaceEffect | CancelEffect;

/** An order that closes the smart order's position: the opposite side, reduce-only. */
const closing = (
  s: OrderState,
  clientOrderId: string,
  quantity: number,
  ts: number,
  how: Pick<OrderRequest, 'type' | 'triggerPrice' | 'stopPrice'>,
): PlaceEffect => ({
  kind: 'place',
  request: {
    clientOrderId,
    orderId: s.spec.orderId,
    symbol: s.spec.symbol,
    side: opposite(s.spec.side),
    quantity,
    reduceOnly: true,
    ...how,
    tickSize: s.spec.market.tickSize,
    stepSize: s.spec.market.stepSize,
    ts,
  },
});

const exit = (
  s: OrderState,
  clientOrderId: string,
  quantity: number,
  price: number | null,
  ts: number,
): PlaceEffect =>
  closing(s, clientOrderId, quantity, ts, {
    type: 'MARKET',
    ...(price === null ? {} : { triggerPrice: price }),
  });

/** A native protective stop: a reduce-only stop-market order resting on the exchange. */
const nativeStop = (
  s: OrderState,
  clientOrderId: string,
  stopPrice: number,
  quantity: number,
  ts: number,
): PlaceEffect => closing(s, clientOrderId, quantity, ts, { type: 'STOP', stopPrice });

const cancel = (s: OrderState, clientOrderId: string, ts: number): CancelEffect => ({
  kind: 'cancel',
  orderId: s.spec.orderId,
  clientOrderId,
  symbol: s.spec.symbol,
  ts,
});

/** The entry order of a smart order, as created. */
const entryRequest = (spec: SmartOrderCreatedData, ts: number): OrderRequest => ({
  clientOrderId: spec.entryClientOrderId,
  orderId: spec.orderId,
  symbol: spec.symbol,
  side: spec.side,
  // A trailing entry is a market order once its trigger is reached (SEMANTICS §8.3).
  type: spec.entry.type === 'TRAILING' ? 'MARKET' : spec.entry.type,
  quantity: spec.quantity,
  ...(spec.entry.type === 'LIMIT' ? { price: spec.entry.price } : {}),
  reduceOnly: false,
  tickSize: spec.market.tickSize,
  stepSize: spec.market.stepSize,
  ts,
});

type LadderLevel = NonNullable<SmartOrderCreatedData['entries']>[number];

/** One level of an entry ladder (SEMANTICS §8.4): a market order, or a limit resting on the book. */
const levelRequest = (
  spec: SmartOrderCreatedData,
  level: Pick<LadderLevel, 'price' | 'quantity' | 'clientOrderId'>,
  ts: number,
): OrderRequest => ({
  ...entryRequest(spec, ts),
  clientOrderId: level.clientOrderId,
  type: level.price === undefined ? 'MARKET' : 'LIMIT',
  quantity: level.quantity,
  ...(level.price === undefined ? {} : { price: level.price }),
});

/**
 * The exchange requests an event stands for. Intents carry everything needed (client order
 * id, quantity, trigger price), so effects are read from events alone: the same function
 * serves live dispatch and recovery after a restart.
 */
export const effectsOf = (s: OrderState, e: OrderEvent): Effect[] => {
  switch (e.type) {
    case 'SmartOrderCreated':
      if (e.data.entries !== undefined)
        return e.data.entries.map((l) => ({
          kind: 'place',
          request: levelRequest(e.data, l, e.ts),
        }));
      return e.data.entry.type === 'TRAILING'
        ? []
        : [{ kind: 'place', request: entryRequest(e.data, e.ts) }];
    case 'EntriesCancelled':
      return e.data.clientOrderIds.map((clientOrderId) => cancel(s, clientOrderId, e.ts));
    case 'EntryTriggered':
      return [
        {
          kind: 'place',
          request: { ...entryRequest(s.spec, e.ts), triggerPrice: e.data.price },
        },
      ];
    case 'TpTriggered':
      return e.data.quantity > 0
        ? [exit(s, e.data.clientOrderId, e.data.quantity, e.data.price, e.ts)]
        : [];
    case 'StopLossTriggered':
    case 'StopLossRetried':
      return e.data.quantity > 0
        ? [exit(s, e.data.clientOrderId, e.data.quantity, e.data.price, e.ts)]
        : [];
    case 'FlattenTriggered':
      // A flatten asked for between ticks fills at the next tick, like any market order.
      return e.data.quantity > 0
        ? [exit(s, e.data.clientOrderId, e.data.quantity, null, e.ts)]
        : [];
    case 'OcoCancelled':
    case 'NativeStopCancelled':
      return e.data.clientOrderIds.map((clientOrderId) => cancel(s, clientOrderId, e.ts));
    case 'NativeStopPlaced':
      return [nativeStop(s, e.data.clientOrderId, e.data.stopPrice, e.data.quantity, e.ts)];
    case 'NativeStopMoved':
      return [
        {
          kind: 'amend',
          orderId: s.spec.orderId,
          clientOrderId: e.data.clientOrderId,
          symbol: s.spec.symbol,
          change: {
            side: opposite(s.spec.side),
            stopPrice: e.data.stopPrice,
            quantity: e.data.quantity,
            ts: e.ts,
          },
        },
      ];
    default:
      return [];
  }
};

/** The rest of a request of which `filled` has executed. */
const rest = (request: OrderRequest, filled: number): OrderRequest =>
  filled <= 0
    ? request
    : { ...request, quantity: sub(request.quantity, filled), filledQuantity: filled };

const rested = (effect: PlaceEffect, filled: number): PlaceEffect => ({
  kind: 'place',
  request: rest(effect.request, filled),
});

/**
 * Exchange orders of an open order that may still be working, for recovery: each is looked
 * up by its client order id before anything is sent again.
 */
export const workingRequests = (s: OrderState): (PlaceEffect | CancelEffect)[] => {
  const placed: (PlaceEffect | CancelEffect)[] = [];
  // An order being exited asked for its working entry's cancel (the stop on a partial entry, a
  // cancel of a PENDING order): it is looked up, and cancelled again if it still rests.
  // What filled before the process died is not asked for again: the rest of an entry, of a
  // ladder's level or of an exit is sent, saying what part of the order the log already holds
  // (the paper exchange's dead book cannot know it). An entry is sent at the order's creation
  // time, as it first was: a venue with latency fills it no sooner than it did.
  for (const l of s.entryLevels ?? []) {
    if (!l.working) continue;
    placed.push(
      s.closing === null && l.status === 'WORKING'
        ? {
            kind: 'place',
            request: rest(
              levelRequest(
                s.spec,
                {
                  ...(l.price === null ? {} : { price: l.price }),
                  quantity: l.quantity,
                  clientOrderId: l.clientOrderId,
                },
                s.createdTs,
              ),
              l.filledQuantity,
            ),
          }
        : cancel(s, l.clientOrderId, 0),
    );
  }
  // One entry whose rest the first take-profit fill asked to cancel (SEMANTICS §9.4) is
  // cancelled again, like one the stop or a cancel asked for.
  if (s.entryWorking && s.entryLevels === null) {
    placed.push(
      s.closing === null && s.entryCancelAsked !== true
        ? { kind: 'place', request: rest(entryRequest(s.spec, s.createdTs), s.entryFilledQuantity) }
        : cancel(s, s.spec.entryClientOrderId, 0),
    );
  }
  for (const level of s.takeProfits) {
    if (level.working && level.clientOrderId !== null) {
      placed.push(
        // Its current exit order: sent for what the level had left then, and filled since.
        rested(
          exit(
            s,
            level.clientOrderId,
            sub(level.quantity, level.filledBeforeAttempt ?? 0),
            null,
            0,
          ),
          sub(level.filledQuantity, level.filledBeforeAttempt ?? 0),
        ),
      );
    }
  }
  for (const x of s.exits)
    placed.push(rested(exit(s, x.clientOrderId, x.quantity, null, 0), x.filledQuantity));
  // A native stop whose cancel was asked for is looked up too: it may have filled meanwhile.
  for (const o of s.nativeStop?.orders ?? [])
    placed.push(
      o.cancelling
        ? cancel(s, o.clientOrderId, 0)
        : nativeStop(s, o.clientOrderId, o.stopPrice, o.quantity, 0),
    );
  return placed;
};
