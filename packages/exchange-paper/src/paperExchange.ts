import { left, right } from 'fp-ts/Either';
import { EMPTY, Subject } from 'rxjs';
import type { Exchange, ExchangeReport, NativeStopSupport } from '@smart-orders/engine';
import { createPaperBook, type PaperBookOptions } from './paperBook';

export interface PaperExchangeOptions extends PaperBookOptions {
  /**
   * How the paper venue keeps native protective stops (SEMANTICS §7), default AMEND; REPLACE
   * rehearses a venue that cannot move a resting stop, OFF one that keeps none.
   */
  readonly nativeStops?: NativeStopSupport['mode'];
}

/**
 * The deterministic paper exchange: the engine matches it inside each batch through
 * `simulation`, so a replay is exactly repeatable; the async port methods serve tools that
 * treat it as any other exchange.
 */
export const getPaperExchange = (options: PaperExchangeOptions = {}): Exchange => {
  const book = createPaperBook(options);
  const mode = options.nativeStops ?? 'AMEND';
  const nativeStops: NativeStopSupport =
    mode === 'OFF'
      ? { mode, reason: 'paper: native stops turned off (option nativeStops)' }
      : { mode };
  const reports$ = new Subject<ExchangeReport>();
  const publish = (reports: readonly ExchangeReport[]): void =>
    reports.forEach((r) => reports$.next(r));
  const missing = (clientOrderId: string) => ({
    code: 'NOT_FOUND' as const,
    message: `paper: no order with client order id ${clientOrderId}`,
  });
  return {
    id: 'paper',
    simulation: {
      submit: (request) => book.submit(request),
      cancel: (clientOrderId, ts) => book.cancel(clientOrderId, ts),
      amendStop: (clientOrderId, change) => book.amendStop(clientOrderId, change),
      match: (tick) => book.match(tick),
      holdings: () => ({
        positions: [...book.positions()]
          .filter(([, quantity]) => quantity !== 0)
          .map(([symbol, quantity]) => ({ symbol, quantity })),
        workingOrders: book
          .openOrders()
          .map((o) => ({ clientOrderId: o.clientOrderId, symbol: o.symbol })),
      }),
      restorePositions: (positions) => book.restorePositions(positions),
    },
    async place(request) {
      publish(book.submit(request));
      const order = book.lookup(request.clientOrderId);
      return order === null ? left(missing(request.clientOrderId)) : right(order);
    },
    async cancel(clientOrderId) {
      publish(book.cancel(clientOrderId, 0));
      const order = book.lookup(clientOrderId);
      return order === null ? left(missing(clientOrderId)) : right(order);
    },
    nativeStops: async () => nativeStops,
    // A refused amend is the answer to the request, not news about the order, which still rests
    // or has already filled; so it is not published as an execution report.
    async amendStop(clientOrderId, _symbol, change) {
      const refusal = book.amendStop(clientOrderId, change).find((r) => r.execType === 'REJECTED');
      const order = book.lookup(clientOrderId);
      if (order === null) return left(missing(clientOrderId));
      return refusal === undefined
        ? right(order)
        : left({ code: 'REJECTED', message: refusal.reason ?? 'paper: amend refused' });
    },
    lookup: async (clientOrderId) => right(book.lookup(clientOrderId)),
    openOrders: async (symbol) => right(book.openOrders(symbol)),
    positions: async () =>
      right([...book.positions()].map(([symbol, quantity]) => ({ symbol, quantity }))),
    balances: async () => right([]),
    reports$: reports$.asObservable(),
    ticks$: () => EMPTY,
    async close() {
      reports$.complete();
    },
  };
};
