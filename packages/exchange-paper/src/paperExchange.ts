import { left, right } from 'fp-ts/Either';
import { EMPTY, Subject } from 'rxjs';
import type { Exchange, ExchangeReport } from '@smart-orders/engine';
import { createPaperBook, type PaperBookOptions } from './paperBook';

export type PaperExchangeOptions = PaperBookOptions;

/**
 * The deterministic paper exchange: the engine matches it inside each batch through
 * `simulation`, so a replay is exactly repeatable; the async port methods serve tools that
 * treat it as any other exchange.
 */
export const getPaperExchange = (options: PaperExchangeOptions = {}): Exchange => {
  const book = createPaperBook(options);
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
