import type { OrderState } from '@smart-orders/core';
import { workingRequests } from './effects';
import type { CancelEffect } from './effects';
import type { Exchange, ExchangeOrder, ExchangeReport, OrderRequest } from './ports/exchange';
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
      if (effect.kind === 'cancel') {
        await recoverCancel(exchange, effect, onReports, warn, resend);
        continue;
      }
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
        if (resend) await followAmend(exchange, request, found.right, onReports, warn);
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

/**
 * A native stop whose cancel was asked for: what the exchange holds of it is folded (it may
 * have filled), and a restart asks again for the cancel of one still resting. A simulated
 * book that died with its process holds nothing: the stop is gone.
 */
const recoverCancel = async (
  exchange: Exchange,
  effect: CancelEffect,
  onReports: (reports: ExchangeReport[]) => Promise<unknown>,
  warn: (message: string) => void,
  resend: boolean,
): Promise<void> => {
  const { clientOrderId, symbol, ts } = effect;
  if (exchange.simulation !== undefined) {
    await onReports([{ clientOrderId, symbol, ts, execType: 'CANCELED' }]);
    return;
  }
  const found = await exchange.lookup(clientOrderId, symbol);
  if (found._tag === 'Left') {
    warn(`${clientOrderId}: lookup failed (${found.left.code}: ${found.left.message})`);
    return;
  }
  if (found.right === null) {
    await onReports([{ clientOrderId, symbol, ts, execType: 'CANCELED' }]);
    return;
  }
  await onReports(reportsFromOrder(found.right, ts));
  if (!resend || found.right.status !== 'OPEN') return;
  const cancelled = await exchange.cancel(clientOrderId, symbol);
  if (cancelled._tag === 'Right') await onReports(reportsFromOrder(cancelled.right, ts));
  else warn(`${clientOrderId}: cancel failed (${cancelled.left.code}: ${cancelled.left.message})`);
};

/** An amend of a native stop that died with the process: the resting stop is moved to the log's. */
const followAmend = async (
  exchange: Exchange,
  request: OrderRequest,
  found: ExchangeOrder,
  onReports: (reports: ExchangeReport[]) => Promise<unknown>,
  warn: (message: string) => void,
): Promise<void> => {
  if (
    request.type !== 'STOP' ||
    request.stopPrice === undefined ||
    found.status !== 'OPEN' ||
    found.stopPrice == null ||
    (found.stopPrice === request.stopPrice && found.quantity === request.quantity) ||
    exchange.amendStop === undefined
  )
    return;
  const amended = await exchange.amendStop(request.clientOrderId, request.symbol, {
    side: request.side,
    stopPrice: request.stopPrice,
    quantity: request.quantity,
    ts: request.ts,
  });
  if (amended._tag === 'Right') await onReports(reportsFromOrder(amended.right, request.ts));
  else warn(`${request.clientOrderId}: amend after restart failed (${amended.left.message})`);
};
