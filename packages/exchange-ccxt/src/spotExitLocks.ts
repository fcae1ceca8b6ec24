import { sub } from '@smart-orders/core';
import type { OrderTracker } from './orderTracker';

export interface HeldExit {
  readonly clientOrderId: string;
  readonly remaining: number;
}

/**
 * Spot has no reduce-only: a resting sell holds the base it would sell, and a second exit of
 * the same coins is refused by the venue (or, worse, sells coins that are not the
 * position's). The engine's exits are market orders that never rest, so this stays empty in
 * its normal flow; it is the guard for resting exits (a limit exit, a native protective
 * stop), which must be cancelled before another exit needs their balance.
 */
export interface SpotExitLocks {
  rest(clientOrderId: string, symbol: string, quantity: number): void;
  held(symbol: string): HeldExit[];
}

export const createSpotExitLocks = (tracker: OrderTracker): SpotExitLocks => {
  const resting = new Map<string, { readonly symbol: string; readonly quantity: number }>();
  return {
    rest: (clientOrderId, symbol, quantity) =>
      void resting.set(clientOrderId, { symbol, quantity }),
    held: (symbol) => {
      const held: HeldExit[] = [];
      for (const [clientOrderId, exit] of resting) {
        const t = tracker.get(clientOrderId);
        if (t === undefined || t.ended) {
          resting.delete(clientOrderId);
          continue;
        }
        const remaining = sub(exit.quantity, t.filled);
        if (exit.symbol === symbol && remaining > 0) held.push({ clientOrderId, remaining });
      }
      return held;
    },
  };
};
