import { evolve, type OrderState, type State } from '@smart-orders/core';
import { effectsOf, type CancelEffect, type PlaceEffect } from './effects';
import type { EventStore } from './ports/eventStore';
import { orderStream } from './ports/eventStore';
import type { OrderRequest } from './ports/exchange';
import { orderEventOf } from './orderEventOf';

/** A request an open order may still have working, and where in the log it was last asked for. */
export interface RecoveredIntent {
  readonly effect: PlaceEffect | CancelEffect;
  /** Position of the event that placed it (or last moved it, a native stop): its send order. */
  readonly askedAt: number;
}

const clientOrderIdOf = (effect: PlaceEffect | CancelEffect): string =>
  effect.kind === 'place' ? effect.request.clientOrderId : effect.clientOrderId;

/**
 * Whether an order has requests asked for after its creation, which only its stream can date:
 * exits, native stops, a trailing entry (sent when its trigger was reached).
 */
const askedSinceCreation = (state: OrderState, exits: ReadonlySet<string>): boolean =>
  exits.size > 0 ||
  (state.nativeStop?.orders.length ?? 0) > 0 ||
  (state.entryWorking && state.spec.entry.type === 'TRAILING');

/**
 * The requests an open order may still have working (`working`, its `workingRequests`), exactly
 * as they were first sent. The
 * state knows which client order ids are working; a request asked for since the order's
 * creation — an exit's or a trailing entry's trigger price and time, at which a venue in tick
 * time fills it — is read again from the intent in the log, so that a resent order is the same
 * request as the one that died with the process, and a resumed replay fills it as the
 * uninterrupted one did. Entries placed at creation and native stops are whole in the state.
 *
 * Each comes with the position of the event that asked for it, so that a restart sends them
 * again in the order they were first sent. An order with nothing asked since its creation is
 * not read again: its requests were asked at `createdAt`, the position of its creation.
 */
export const recoveredIntents = async (
  store: EventStore,
  state: OrderState,
  working: readonly (PlaceEffect | CancelEffect)[],
  createdAt = 0,
): Promise<RecoveredIntent[]> => {
  const exits = new Set([
    ...state.exits.map((x) => x.clientOrderId),
    ...state.takeProfits.flatMap((l) =>
      l.working && l.clientOrderId !== null ? [l.clientOrderId] : [],
    ),
  ]);
  if (!askedSinceCreation(state, exits))
    return working.map((effect) => ({ effect, askedAt: createdAt }));
  const placed = new Set(
    working.flatMap((effect) => (effect.kind === 'place' ? [effect.request.clientOrderId] : [])),
  );
  const sent = new Map<string, OrderRequest>();
  const askedAt = new Map<string, number>();
  let folded: State = null;
  for (const e of await store.readStream(orderStream(state.spec.orderId))) {
    const event = orderEventOf(e);
    folded = evolve(folded, event);
    if (folded === null) continue;
    for (const effect of effectsOf(folded, event)) {
      if (effect.kind === 'cancel') continue;
      const clientOrderId =
        effect.kind === 'place' ? effect.request.clientOrderId : effect.clientOrderId;
      askedAt.set(clientOrderId, e.position);
      if (effect.kind === 'place' && placed.has(clientOrderId))
        sent.set(clientOrderId, effect.request);
    }
  }
  return working.map((effect) => {
    const at = askedAt.get(clientOrderIdOf(effect)) ?? createdAt;
    if (effect.kind !== 'place') return { effect, askedAt: at };
    const first = sent.get(effect.request.clientOrderId);
    // What is left of it: a part may have filled before the process died.
    return first === undefined
      ? { effect, askedAt: at }
      : {
          effect: {
            kind: 'place',
            request: {
              ...first,
              quantity: effect.request.quantity,
              ...(effect.request.filledQuantity === undefined
                ? {}
                : { filledQuantity: effect.request.filledQuantity }),
            },
          },
          askedAt: at,
        };
  });
};
