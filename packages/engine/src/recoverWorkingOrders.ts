import type { OrderState } from '@smart-orders/core';
import { workingRequests } from './effects';
import type { Exchange, ExchangeReport } from './ports/exchange';
import { placeOrder } from './placeOrder';
import { reportsFromOrder } from './reportsFromOrder';

/**
 * Reconciliation while running (`resend` false) looks the same orders up and folds what the
 * exchange says, which recovers an execution report the stream dropped.
 *
 * After a restart, every exchange order an open order may still have working (an intent
 * whose outcome was never recorded) is looked up by its client order id before anything is
 * sent again (SEMANTICS §6): found, its state comes back as reports; provably absent, it is
 * sent again with the same id, so a trigger never places two orders.
 */
export const recoverWorkingOrders = async (
  exchange: Exchange,
  states: readonly OrderState[],
  onReports: (reports: ExchangeReport[]) => Promise<unknown>,
  warn: (message: string) => void,
  resend = true,
): Promise<void> => {
  for (const state of states) {
    for (const effect of workingRequests(state)) {
      if (effect.kind !== 'place') continue;
      const { request } = effect;
      if (exchange.simulation !== undefined) {
        // A simulated book died with the process that held it: the order is provably absent.
        const reports = exchange.simulation.submit(request);
        if (reports.length > 0) await onReports([...reports]);
        continue;
      }
      const found = await exchange.lookup(request.clientOrderId, request.symbol);
      if (found._tag === 'Left') {
        warn(
          `${request.clientOrderId}: lookup failed (${found.left.code}: ${found.left.message}); left for reconciliation`,
        );
        continue;
      }
      if (found.right !== null) {
        await onReports(reportsFromOrder(found.right, request.ts));
        continue;
      }
      // While running, an absent order may still be in flight: only a restart resends.
      if (!resend) continue;
      const outcome = await placeOrder(exchange, request);
      if (outcome.known) await onReports(outcome.reports);
      else warn(`${request.clientOrderId}: resend failed (${outcome.problem})`);
    }
  }
};
