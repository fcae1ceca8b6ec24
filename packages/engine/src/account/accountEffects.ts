import { owedExitCancels, sub, type AccountEvent, type AccountState } from '@smart-orders/core';
import type { AccountEffect, CancelEffect, PlaceEffect } from '../effects';

/**
 * The exchange requests an account event stands for: a flatten's exits (reduce-only, with the
 * event's client order id) and the cancels of orphaned orders. `orderId` is the account id, so
 * that the reports of these orders come back to the account, not to a smart order.
 */
export const accountEffectsOf = (
  accountId: string,
  e: AccountEvent,
  lastPrice: (symbol: string) => number | undefined,
): AccountEffect[] => {
  switch (e.type) {
    case 'FlattenExitRequested': {
      const price = lastPrice(e.data.symbol);
      return [
        {
          kind: 'place',
          request: {
            clientOrderId: e.data.clientOrderId,
            orderId: accountId,
            symbol: e.data.symbol,
            side: e.data.side,
            type: 'MARKET',
            quantity: e.data.quantity,
            reduceOnly: true,
            ...(price === undefined ? {} : { triggerPrice: price }),
            ts: e.ts,
          },
        },
      ];
    }
    case 'FlattenRetriedAsLimit':
      // The exit it replaces is gone already: refused, or confirmed done before this was sized.
      return [
        {
          kind: 'place',
          request: {
            clientOrderId: e.data.clientOrderId,
            orderId: accountId,
            symbol: e.data.symbol,
            side: e.data.side,
            type: 'LIMIT',
            quantity: e.data.quantity,
            price: e.data.limitPrice,
            reduceOnly: true,
            ts: e.ts,
          },
        },
      ];
    case 'FlattenExitCancelRequested':
    case 'OrphanCancelRequested':
      return [
        {
          kind: 'cancel',
          orderId: accountId,
          clientOrderId: e.data.clientOrderId,
          symbol: e.data.symbol,
          ts: e.ts,
        },
      ];
    default:
      return [];
  }
};

/**
 * A flatten's exits that may still be working, for recovery after a restart: each is looked up
 * by its client order id, and sent again with it when the venue does not know it. One whose
 * cancel was asked and never confirmed (`owedExitCancels`) is cancelled again instead: never
 * sent again, and gone once the venue does not know it.
 */
export const workingExitRequests = (state: AccountState): (PlaceEffect | CancelEffect)[] => {
  const owed = new Set(owedExitCancels(state).map((exit) => exit.clientOrderId));
  return Object.values(state.flatten?.exits ?? {})
    .filter((exit) => exit.working)
    .map((exit) =>
      owed.has(exit.clientOrderId)
        ? {
            kind: 'cancel' as const,
            orderId: state.accountId,
            clientOrderId: exit.clientOrderId,
            symbol: exit.symbol,
            ts: 0,
          }
        : {
            kind: 'place' as const,
            request: {
              clientOrderId: exit.clientOrderId,
              orderId: state.accountId,
              symbol: exit.symbol,
              side: exit.side,
              quantity: sub(exit.quantity, exit.filledQuantity),
              reduceOnly: true,
              ts: 0,
              ...(exit.limitPrice === null
                ? { type: 'MARKET' as const }
                : { type: 'LIMIT' as const, price: exit.limitPrice }),
            },
          },
    );
};
