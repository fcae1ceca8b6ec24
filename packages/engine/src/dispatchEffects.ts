import { left } from 'fp-ts/Either';
import type { AmendEffect, Effect } from './effects';
import type { Exchange, ExchangeReport } from './ports/exchange';
import { placeOrder } from './placeOrder';
import { reportsFromOrder } from './reportsFromOrder';

/**
 * Sends committed intents to a live exchange, in commit order, outside the work queue so
 * that ticks keep flowing while requests are in flight. What the exchange answers comes back
 * as reports; an unknown outcome (network error after the adapter's own lookups) is left for
 * recovery and reconciliation, which look the client order id up before anything is resent.
 */
export interface EffectDispatcher {
  dispatch(effects: readonly Effect[]): void;
  /** Resolves when every request dispatched so far has been answered. */
  idle(): Promise<void>;
}

export const createEffectDispatcher = (
  exchange: Exchange,
  onReports: (reports: ExchangeReport[]) => void,
  warn: (message: string) => void,
): EffectDispatcher => {
  let tail: Promise<void> = Promise.resolve();
  const cancel = async (clientOrderId: string, symbol: string, ts: number): Promise<void> => {
    const cancelled = await exchange.cancel(clientOrderId, symbol);
    if (cancelled._tag === 'Right') onReports(reportsFromOrder(cancelled.right, ts));
    else
      warn(`${clientOrderId}: cancel failed (${cancelled.left.code}: ${cancelled.left.message})`);
  };
  // A refused amend leaves the stop where it was, or it is gone: either way it is cancelled,
  // and the core, told it is gone, places a new one at the target (cancel-then-place, the one
  // case where the position is briefly without a native stop; the managed stop still runs).
  const amend = async (effect: AmendEffect): Promise<void> => {
    const amended =
      exchange.amendStop === undefined
        ? left({ code: 'REJECTED' as const, message: `${exchange.id} cannot amend a stop` })
        : await exchange.amendStop(effect.clientOrderId, effect.symbol, effect.change);
    if (amended._tag === 'Right') {
      onReports(reportsFromOrder(amended.right, effect.change.ts));
      return;
    }
    warn(
      `${effect.clientOrderId}: amend failed (${amended.left.code}: ${amended.left.message}); cancelling it so that a new native stop replaces it`,
    );
    await cancel(effect.clientOrderId, effect.symbol, effect.change.ts);
  };
  const dispatch = (effects: readonly Effect[]): void => {
    tail = tail.then(async () => {
      for (const effect of effects) {
        if (effect.kind === 'place') {
          const outcome = await placeOrder(exchange, effect.request);
          if (outcome.known) onReports(outcome.reports);
          else
            warn(
              `${effect.request.clientOrderId}: outcome unknown (${outcome.problem}); recovery will look it up`,
            );
        } else if (effect.kind === 'cancel') {
          await cancel(effect.clientOrderId, effect.symbol, effect.ts);
        } else {
          await amend(effect);
        }
      }
    });
  };
  return { dispatch, idle: () => tail };
};
