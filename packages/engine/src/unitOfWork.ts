import {
  decideOrder,
  orderKey,
  orderKeyOf,
  type Command,
  type ExecutionReport,
  type OrderDecision,
  type OrderEvent,
  type OrderState,
  type State,
} from '@smart-orders/core';
import { effectsOf, type Effect } from './effects';
import type { OpenOrderBook } from './openOrderBook';
import type { ExchangeReport } from './ports/exchange';
import type { Rejection } from './work';

/** Events decided for one order in this unit of work, on top of its committed state. */
export interface Touched {
  readonly base: OrderState | null;
  state: OrderState;
  readonly events: OrderEvent[];
}

/**
 * One unit of work: every decision caused by a tick (or a command, or a report), committed in
 * one store transaction. The core folds each event once, as it decides it (`decideInSteps`);
 * the unit carries the states it decided on, so the state it commits is the decision's. Its effects go to the exchange only after
 * the commit, whatever the exchange: the paper venue too answers after the commit, so an intent
 * is always in the log before its order exists.
 */
export interface UnitOfWork {
  readonly touched: Map<string, Touched>;
  /** The smart orders' requests, in decision order: they pass the account's send gate. */
  readonly effects: Effect[];
  /** The account's own requests (a flatten's exits, orphans' cancels): never held by its gate. */
  readonly accountEffects: Effect[];
  readonly rejections: Rejection[];
  readonly ignoredReports: { readonly report: ExchangeReport; readonly reason: string }[];
  stateOf(orderId: string): State;
  /** Loads an order that the open book no longer holds (a terminal one) as the unit's base. */
  preload(orderId: string, state: State): void;
  /** `quietly`: a refusal is dropped, not reported (the kill switch's cancels of every order). */
  decideFor(orderId: string, command: Command, quietly?: boolean): void;
  report(report: ExchangeReport): void;
  /** A request that is not a smart order's (the account's). */
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
  ...(r.fee === undefined ? {} : { fee: r.fee }),
  ...(r.refusal === undefined ? {} : { refusal: r.refusal }),
});

/** How the account follows a unit of work: every order event as it is decided, and the reports of its own orders. */
export interface WorkObserver {
  recorded(prev: State, next: OrderState, event: OrderEvent, effects: readonly Effect[]): void;
  /** True when the report is the observer's (a flatten exit's): the smart orders never see it. */
  ownReport(report: ExchangeReport): boolean;
}

export const createUnitOfWork = (book: OpenOrderBook, observer?: WorkObserver): UnitOfWork => {
  const touched = new Map<string, Touched>();
  const preloaded = new Map<string, State>();
  const newKeys = new Map<string, string>();
  const effects: Effect[] = [];
  const accountEffects: Effect[] = [];
  const rejections: Rejection[] = [];
  const ignoredReports: UnitOfWork['ignoredReports'] = [];

  const committed = (orderId: string): State => book.get(orderId) ?? preloaded.get(orderId) ?? null;
  const stateOf = (orderId: string): State => touched.get(orderId)?.state ?? committed(orderId);

  const orderIdOf = (cid: string): string | undefined => {
    const key = orderKeyOf(cid);
    return book.orderIdOfClientOrderId(cid) ?? (key === null ? undefined : newKeys.get(key));
  };

  /** A decision taken on `stateOf(orderId)`: its events and the states after each, as decided. */
  const record = (orderId: string, decision: OrderDecision): void => {
    const { events, states } = decision;
    if (events.length === 0) return;
    let entry = touched.get(orderId);
    if (entry === undefined) {
      entry = { base: committed(orderId), state: decision.state as OrderState, events: [] };
      touched.set(orderId, entry);
    }
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as OrderEvent;
      const prev = i === 0 ? decision.base : (states[i - 1] as OrderState);
      const next = states[i] as OrderState;
      entry.events.push(e);
      if (e.type === 'SmartOrderCreated') newKeys.set(orderKey(orderId), orderId);
      const made = effectsOf(next, e);
      observer?.recorded(prev, next, e, made);
      if (made.length > 0) effects.push(...made);
    }
    entry.state = decision.state as OrderState;
  };

  const decideFor = (orderId: string, command: Command, quietly = false): void => {
    const result = decideOrder(command, stateOf(orderId));
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

  return {
    touched,
    effects,
    accountEffects,
    rejections,
    ignoredReports,
    stateOf,
    preload: (orderId, state) => {
      preloaded.set(orderId, state);
    },
    decideFor,
    report,
    send(effect) {
      accountEffects.push(effect);
    },
    touchedOn: (symbol) =>
      [...touched.values()]
        .filter((t) => t.state.spec.symbol === symbol)
        .map((t) => t.state.spec.orderId),
  };
};
