import type { Effect } from './effects';
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
        } else {
          const cancelled = await exchange.cancel(effect.clientOrderId, effect.symbol);
          if (cancelled._tag === 'Right') onReports(reportsFromOrder(cancelled.right, effect.ts));
          else
            warn(
              `${effect.clientOrderId}: cancel failed (${cancelled.left.code}: ${cancelled.left.message})`,
            );
        }
      }
    });
  };
  return { dispatch, idle: () => tail };
};
