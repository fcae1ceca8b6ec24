import {
  decide,
  evolve,
  orderKey,
  orderKeyOf,
  type Command,
  type DomainError,
  type ExecutionReport,
  type OrderEvent,
  type OrderState,
  type State,
} from '@smart-orders/core';
import { effectsOf, type Effect } from './effects';
import type { OpenOrderBook } from './openOrderBook';
import type { ExchangeReport, Simulation } from './ports/exchange';

/** Events decided for one order in this batch, on top of its committed state. */
export interface Touched {
  readonly base: OrderState | null;
  state: OrderState;
  readonly events: OrderEvent[];
}

export interface Rejection {
  readonly command: Command;
  readonly error: DomainError;
}

/**
 * One unit of work: every decision caused by a tick (or a command, or a report), folded in
 * memory and committed in one store transaction. With a simulated exchange, orders are
 * matched inside the batch, so intents and their fills commit together.
 */
export interface Batch {
  readonly touched: Map<string, Touched>;
  readonly effects: Effect[];
  readonly rejections: Rejection[];
  readonly ignoredReports: { readonly report: ExchangeReport; readonly reason: string }[];
  stateOf(orderId: string): State;
  /** Loads an order that the open book no longer holds (a terminal one) as the batch's base. */
  preload(orderId: string, state: State): void;
  /** `quietly`: a refusal is dropped, not reported (the kill switch's cancels of every order). */
  decideFor(orderId: string, command: Command, quietly?: boolean): void;
  report(report: ExchangeReport): void;
  /** Sends a request that is not a smart order's (the account's): matched now when simulated. */
  send(effect: Effect): void;
  touchedOn(symbol: string): string[];
}

export const toExecutionReport = (r: ExchangeReport, orderId: string): ExecutionReport => ({
  type: 'ExecutionReport',
  orderId,
  ts: r.ts,
  clientOrderId: r.clientOrderId,
  execType: r.execType,
  ...(r.lastPrice === undefined ? {} : { lastPrice: r.lastPrice }),
  ...(r.lastQuantity === undefined ? {} : { lastQuantity: r.lastQuantity }),
  ...(r.cumulativeQuantity === undefined ? {} : { cumulativeQuantity: r.cumulativeQuantity }),
  ...(r.exchangeOrderId === undefined ? {} : { exchangeOrderId: r.exchangeOrderId }),
  ...(r.reason === undefined ? {} : { reason: r.reason }),
});

/** How the account follows a batch: every order event as it is decided, and the reports of its own orders. */
export interface BatchObserver {
  recorded(prev: State, next: OrderState, event: OrderEvent, effects: readonly Effect[]): void;
  /** True when the report is the observer's (a flatten exit's): the smart orders never see it. */
  ownReport(report: ExchangeReport): boolean;
}

const simulate = (simulation: Simulation, effect: Effect): readonly ExchangeReport[] => {
  switch (effect.kind) {
    case 'place':
      return simulation.submit(effect.request);
    case 'cancel':
      return simulation.cancel(effect.clientOrderId, effect.ts);
    case 'amend':
      return simulation.amendStop?.(effect.clientOrderId, effect.change) ?? [];
  }
};

export const createBatch = (
  book: OpenOrderBook,
  simulation: Simulation | undefined,
  observer?: BatchObserver,
): Batch => {
  const touched = new Map<string, Touched>();
  const preloaded = new Map<string, State>();
  const newKeys = new Map<string, string>();
  const effects: Effect[] = [];
  const rejections: Rejection[] = [];
  const ignoredReports: Batch['ignoredReports'] = [];
  const pendingReports: ExchangeReport[] = [];
  let draining = false;

  const committed = (orderId: string): State => book.get(orderId) ?? preloaded.get(orderId) ?? null;
  const stateOf = (orderId: string): State => touched.get(orderId)?.state ?? committed(orderId);

  const orderIdOf = (cid: string): string | undefined => {
    const key = orderKeyOf(cid);
    return book.orderIdOfClientOrderId(cid) ?? (key === null ? undefined : newKeys.get(key));
  };

  const record = (orderId: string, events: readonly OrderEvent[]): void => {
    const base = committed(orderId);
    let entry = touched.get(orderId);
    for (const e of events) {
      const prev = entry?.state ?? base;
      const next = evolve(prev, e) as OrderState;
      if (entry === undefined) {
        entry = { base, state: next, events: [] };
        touched.set(orderId, entry);
      }
      entry.state = next;
      entry.events.push(e);
      if (e.type === 'SmartOrderCreated') newKeys.set(orderKey(orderId), orderId);
      const made = effectsOf(next, e);
      observer?.recorded(prev, next, e, made);
      for (const effect of made) queue(effect);
    }
  };

  const queue = (effect: Effect): void => {
    if (simulation === undefined) effects.push(effect);
    else pendingReports.push(...simulate(simulation, effect));
  };

  const decideFor = (orderId: string, command: Command, quietly = false): void => {
    const result = decide(command, stateOf(orderId));
    if (result._tag === 'Left') {
      if (quietly) return;
      if (command.type === 'ExecutionReport') {
        ignoredReports.push({
          report: { ...command, symbol: stateOf(orderId)?.spec.symbol ?? '' },
          reason: result.left.message,
        });
      } else rejections.push({ command, error: result.left });
      return;
    }
    record(orderId, result.right);
    drainReports();
  };

  const report = (r: ExchangeReport): void => {
    if (observer?.ownReport(r) === true) return;
    const orderId = orderIdOf(r.clientOrderId);
    if (orderId === undefined) {
      ignoredReports.push({ report: r, reason: `no open smart order placed ${r.clientOrderId}` });
      return;
    }
    decideFor(orderId, toExecutionReport(r, orderId));
  };

  // Fills of a simulated exchange are decided in arrival order, after the decision that
  // caused them, so a stream reads trigger → fill → its consequences.
  const drainReports = (): void => {
    if (draining) return;
    draining = true;
    try {
      for (let r = pendingReports.shift(); r !== undefined; r = pendingReports.shift()) report(r);
    } finally {
      draining = false;
    }
  };

  return {
    touched,
    effects,
    rejections,
    ignoredReports,
    stateOf,
    preload: (orderId, state) => {
      preloaded.set(orderId, state);
    },
    decideFor,
    report(r) {
      report(r);
      drainReports();
    },
    send(effect) {
      queue(effect);
      drainReports();
    },
    touchedOn: (symbol) =>
      [...touched.values()]
        .filter((t) => t.state.spec.symbol === symbol)
        .map((t) => t.state.spec.orderId),
  };
};
