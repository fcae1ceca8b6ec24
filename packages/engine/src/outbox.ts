import { left } from 'fp-ts/Either';
import type { AmendEffect, Effect } from './effects';
import type { EngineMetrics } from './observability/engineMetrics';
import { errorClassOf, type Warn } from './observability/logger';
import type { Execution, ExchangeReport } from './ports/exchange';
import { placeOrder } from './placeOrder';
import { neverOnExchange, reportsFromOrder } from './reportsFromOrder';

/**
 * Sends committed requests to the exchange — every exchange, the paper venue included — in
 * commit order within each order, outside the work queue, so that ticks keep flowing while
 * requests are in flight. Each smart order (and the account's flatten) has its own lane: a
 * request whose answer is slow (an unknown outcome the adapter is still looking up, for the
 * venue's deadline and more) holds only the requests of its order, and another order's stop
 * exit goes out at once. Within an order the sequence stays the commit's, as a take-profit's
 * cancel must free a spot balance before the stop exit that sells it. A lane is a chain of
 * promises, one per order with requests in flight; how fast requests reach the venue is the
 * adapter's rate limiter's to pace (ccxt's `enableRateLimit`).
 * The answers to one commit's requests come back together, to be decided as one unit of work:
 * a venue that answers at once (paper) turns a tick's triggers into one more transaction, not
 * one per order. An unknown outcome (a network error the adapter's own lookups could not
 * resolve) is left to recovery and reconciliation, which look the client order id up before
 * anything is sent again.
 */
export interface Outbox {
  /** Sends after everything sent before; resolves with the venue's answers, as reports. */
  send(effects: readonly Effect[]): Promise<readonly ExchangeReport[]>;
  /** Resolves when every request sent so far has been answered. */
  idle(): Promise<void>;
}

const laneOf = (effect: Effect): string =>
  effect.kind === 'place' ? effect.request.orderId : effect.orderId;
const clientOrderIdOf = (effect: Effect): string =>
  effect.kind === 'place' ? effect.request.clientOrderId : effect.clientOrderId;
const symbolOf = (effect: Effect): string =>
  effect.kind === 'place' ? effect.request.symbol : effect.symbol;

export const createOutbox = (
  exchange: Execution,
  warn: Warn,
  metrics?: Pick<EngineMetrics, 'sent'>,
): Outbox => {
  const lanes = new Map<string, Promise<unknown>>();
  const cancel = async (
    orderId: string,
    clientOrderId: string,
    symbol: string,
    ts: number,
  ): Promise<ExchangeReport[]> => {
    const cancelled = await exchange.cancel(clientOrderId, symbol);
    if (cancelled._tag === 'Right') return reportsFromOrder(cancelled.right, ts);
    // NOT_FOUND: the order filled or ended meanwhile, or never reached the exchange (its
    // placing was lost, or held back). A lookup tells which; an order proven absent can never
    // work, so it is reported cancelled with nothing filled and whatever waits for it ends.
    if (cancelled.left.code === 'NOT_FOUND') {
      const found = await exchange.lookup(clientOrderId, symbol);
      if (found._tag === 'Right')
        return found.right === null
          ? [neverOnExchange(clientOrderId, symbol, ts)]
          : reportsFromOrder(found.right, ts);
    }
    warn(`${clientOrderId}: cancel failed (${cancelled.left.code}: ${cancelled.left.message})`, {
      orderId,
      clientOrderId,
      symbol,
      errorClass: cancelled.left.code,
      venueAnswer: cancelled.left.message,
    });
    return [];
  };

  // A refused amend leaves the stop where it was, or it is gone: either way it is cancelled,
  // and the core, told it is gone, places a new one at the target (cancel-then-place, the one
  // case where the position is briefly without a native stop; the managed stop still runs).
  const amend = async (effect: AmendEffect): Promise<ExchangeReport[]> => {
    const amended =
      exchange.amendStop === undefined
        ? left({ code: 'REJECTED' as const, message: `${exchange.id} cannot amend a stop` })
        : await exchange.amendStop(effect.clientOrderId, effect.symbol, effect.change);
    if (amended._tag === 'Right') return reportsFromOrder(amended.right, effect.change.ts);
    warn(
      `${effect.clientOrderId}: amend failed (${amended.left.code}: ${amended.left.message}); cancelling it so that a new native stop replaces it`,
      {
        orderId: effect.orderId,
        clientOrderId: effect.clientOrderId,
        symbol: effect.symbol,
        errorClass: amended.left.code,
        venueAnswer: amended.left.message,
      },
    );
    return cancel(effect.orderId, effect.clientOrderId, effect.symbol, effect.change.ts);
  };

  /** The venue's answer as reports; null when the outcome of a placement is unknown. */
  const answer = async (effect: Effect): Promise<readonly ExchangeReport[] | null> => {
    switch (effect.kind) {
      case 'place': {
        const outcome = await placeOrder(exchange, effect.request);
        if (outcome.known) return outcome.reports;
        warn(
          `${effect.request.clientOrderId}: outcome unknown (${outcome.problem}); recovery will look it up`,
          {
            orderId: effect.request.orderId,
            clientOrderId: effect.request.clientOrderId,
            symbol: effect.request.symbol,
            errorClass: 'UNKNOWN_OUTCOME',
            venueAnswer: outcome.problem,
          },
        );
        return null;
      }
      case 'cancel':
        return cancel(effect.orderId, effect.clientOrderId, effect.symbol, effect.ts);
      case 'amend':
        return amend(effect);
    }
  };

  /** One order's requests, after everything sent before on its lane. */
  const sendInLane = (lane: string, effects: readonly Effect[], took: () => number) => {
    const answers = (lanes.get(lane) ?? Promise.resolve()).then(async () => {
      const reports: ExchangeReport[] = [];
      for (const effect of effects) {
        try {
          const answered = await answer(effect);
          metrics?.sent(effect.kind, answered === null ? 'unknown' : 'answered', took());
          if (answered !== null) reports.push(...answered);
        } catch (e) {
          metrics?.sent(effect.kind, 'failed', took());
          warn(`outbox: ${e instanceof Error ? e.message : String(e)}`, {
            orderId: laneOf(effect),
            clientOrderId: clientOrderIdOf(effect),
            symbol: symbolOf(effect),
            errorClass: errorClassOf(e),
          });
        }
      }
      return reports;
    });
    lanes.set(lane, answers);
    // A lane whose requests were all answered is forgotten: lanes do not grow with the orders.
    void answers.then(() => {
      if (lanes.get(lane) === answers) lanes.delete(lane);
    });
    return answers;
  };

  return {
    async send(effects) {
      // The intents were committed just before this call: latency runs from here.
      const committed = performance.now();
      const took = (): number => (performance.now() - committed) / 1000;
      const byLane = new Map<string, Effect[]>();
      for (const effect of effects) {
        const lane = laneOf(effect);
        byLane.set(lane, [...(byLane.get(lane) ?? []), effect]);
      }
      const answered = await Promise.all(
        [...byLane].map(([lane, own]) => sendInLane(lane, own, took)),
      );
      return answered.flat();
    },
    idle: async () => {
      await Promise.all(lanes.values());
    },
  };
};
