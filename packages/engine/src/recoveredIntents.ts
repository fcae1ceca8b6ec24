import { evolve, type OrderEvent, type OrderState, type State } from '@smart-orders/core';
import { effectsOf, workingRequests, type CancelEffect, type PlaceEffect } from './effects';
import type { EventStore } from './ports/eventStore';
import { orderStream } from './ports/eventStore';
import type { OrderRequest } from './ports/exchange';

/**
 * The requests an open order may still have working, exactly as they were first sent. The
 * state knows which client order ids are working; an exit's request — its trigger price and
 * time, at which a venue in tick time fills it — is read again from the intent in the log, so
 * that a resent exit is the same request as the one that died with the process, and a resumed
 * replay fills it as the uninterrupted one did. Entries and native stops are whole in the state.
 */
export const recoveredIntents = async (
  store: EventStore,
  state: OrderState,
): Promise<(PlaceEffect | CancelEffect)[]> => {
  const working = workingRequests(state);
  const exits = new Set([
    ...state.exits.map((x) => x.clientOrderId),
    ...state.takeProfits.flatMap((l) =>
      l.working && l.clientOrderId !== null ? [l.clientOrderId] : [],
    ),
  ]);
  if (exits.size === 0) return working;
  const sent = new Map<string, OrderRequest>();
  let folded: State = null;
  for (const e of await store.readStream(orderStream(state.spec.orderId))) {
    const event = { type: e.type, ts: e.ts, data: e.data } as OrderEvent;
    folded = evolve(folded, event);
    if (folded === null) continue;
    for (const effect of effectsOf(folded, event))
      if (effect.kind === 'place' && exits.has(effect.request.clientOrderId))
        sent.set(effect.request.clientOrderId, effect.request);
  }
  return working.map((effect) => {
    if (effect.kind !== 'place') return effect;
    const first = sent.get(effect.request.clientOrderId);
    // What is left of it: a part may have filled before the process died.
    return first === undefined
      ? effect
      : {
          kind: 'place',
          request: {
            ...first,
            quantity: effect.request.quantity,
            ...(effect.request.filledQuantity === undefined
              ? {}
              : { filledQuantity: effect.request.filledQuantity }),
          },
        };
  });
};
