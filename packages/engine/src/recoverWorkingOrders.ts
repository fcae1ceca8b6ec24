import type { CancelEffect, PlaceEffect } from './effects';
import type { ExchangeOrder, ExchangeReport, Execution, OrderRequest } from './ports/exchange';
import { placeOrder } from './placeOrder';
import { reportsFromOrder } from './reportsFromOrder';
import type { Warn } from './observability/logger';

/** What the look-ups found: the exchange's answers, and the intents it has never seen. */
export interface Recovered {
  readonly reports: ExchangeReport[];
  readonly unsent: ReadonlySet<string>;
}

/** What a record about one exchange order names. */
const about = (o: { orderId: string; clientOrderId: string; symbol: string }) => ({
  orderId: o.orderId,
  clientOrderId: o.clientOrderId,
  symbol: o.symbol,
});

/**
 * Every exchange order an open order (or the account's flatten) may still have working — an
 * intent whose outcome was never recorded — is looked up by its client order id before
 * anything is sent again (SEMANTICS §6): found, its state comes back as reports; provably
 * absent, it is sent again with the same id (`resend`, after a restart), so a trigger never
 * places two orders. The paper venue is no exception: its book died with the process that held
 * it, so it answers "absent" and the order goes out again, exactly as it first did.
 *
 * While running (`resend` false) the same look-up folds what the exchange says, which recovers
 * an execution report the stream dropped. Returns every answer, in request order, to be
 * decided as one unit of work, and the client order ids the exchange provably does not know
 * and that were not sent again: at a start, intents still to send, which its reconciliation
 * must not count as orders missing from the exchange.
 */
export const recoverWorkingOrders = async (
  exchange: Execution,
  requests: readonly (PlaceEffect | CancelEffect)[],
  warn: Warn,
  resend: boolean,
): Promise<Recovered> => {
  const reports: ExchangeReport[] = [];
  const unsent = new Set<string>();
  for (const effect of requests) {
    if (effect.kind === 'cancel') {
      reports.push(...(await recoverCancel(exchange, effect, warn, resend)));
      continue;
    }
    const { request } = effect;
    const found = await exchange.lookup(request.clientOrderId, request.symbol);
    if (found._tag === 'Left') {
      warn(
        `${request.clientOrderId}: lookup failed (${found.left.code}: ${found.left.message}); left for reconciliation`,
        { ...about(request), errorClass: found.left.code, venueAnswer: found.left.message },
      );
      continue;
    }
    if (found.right !== null) {
      reports.push(...reportsFromOrder(found.right, request.ts));
      if (resend) reports.push(...(await followAmend(exchange, request, found.right, warn)));
      continue;
    }
    // While running, an absent order may still be in flight: only a restart resends.
    if (!resend) {
      unsent.add(request.clientOrderId);
      continue;
    }
    const outcome = await placeOrder(exchange, request);
    if (outcome.known) reports.push(...outcome.reports);
    else
      warn(`${request.clientOrderId}: resend failed (${outcome.problem})`, {
        ...about(request),
        errorClass: 'UNKNOWN_OUTCOME',
        venueAnswer: outcome.problem,
      });
  }
  return { reports, unsent };
};

/**
 * A native stop whose cancel was asked for: what the exchange holds of it is folded (it may
 * have filled), and a restart asks again for the cancel of one still resting. One the
 * exchange does not know is gone.
 */
const recoverCancel = async (
  exchange: Execution,
  effect: CancelEffect,
  warn: Warn,
  resend: boolean,
): Promise<ExchangeReport[]> => {
  const { clientOrderId, symbol, ts } = effect;
  const found = await exchange.lookup(clientOrderId, symbol);
  if (found._tag === 'Left') {
    warn(`${clientOrderId}: lookup failed (${found.left.code}: ${found.left.message})`, {
      ...about(effect),
      errorClass: found.left.code,
      venueAnswer: found.left.message,
    });
    return [];
  }
  if (found.right === null) return [{ clientOrderId, symbol, ts, execType: 'CANCELED' }];
  const reports = reportsFromOrder(found.right, ts);
  if (!resend || found.right.status !== 'OPEN') return reports;
  const cancelled = await exchange.cancel(clientOrderId, symbol);
  if (cancelled._tag === 'Right') return [...reports, ...reportsFromOrder(cancelled.right, ts)];
  warn(`${clientOrderId}: cancel failed (${cancelled.left.code}: ${cancelled.left.message})`, {
    ...about(effect),
    errorClass: cancelled.left.code,
    venueAnswer: cancelled.left.message,
  });
  return reports;
};

/** An amend of a native stop that died with the process: the resting stop is moved to the log's. */
const followAmend = async (
  exchange: Execution,
  request: OrderRequest,
  found: ExchangeOrder,
  warn: Warn,
): Promise<ExchangeReport[]> => {
  if (
    request.type !== 'STOP' ||
    request.stopPrice === undefined ||
    found.status !== 'OPEN' ||
    found.stopPrice == null ||
    (found.stopPrice === request.stopPrice && found.quantity === request.quantity) ||
    exchange.amendStop === undefined
  )
    return [];
  const amended = await exchange.amendStop(request.clientOrderId, request.symbol, {
    side: request.side,
    stopPrice: request.stopPrice,
    quantity: request.quantity,
    ts: request.ts,
  });
  if (amended._tag === 'Right') return reportsFromOrder(amended.right, request.ts);
  warn(`${request.clientOrderId}: amend after restart failed (${amended.left.message})`);
  return [];
};
