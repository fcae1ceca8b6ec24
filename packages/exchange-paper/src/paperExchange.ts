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
 * The deterministic paper exchange: a venue like any other, reached by the engine through the
 * same outbox after each commit. It trades in the engine's tick time: every request is answered
 * at once, and the ticks the engine acts on are its market (`matchTick`), so a replay is exactly
 * repeatable. Its book lives in the engine's process and starts empty with it: a restarted
 * engine finds none of its orders (and sends them again) and tells it the positions its log
 * says it held (`restorePositions`).
 */
export const getPaperExchange = (options: PaperExchangeOptions = {}): Exchange => {
  const book = createPaperBook(options);
  const mode = options.nativeStops ?? 'AMEND';
  const nativeStops: NativeStopSupport =
    mode === 'OFF'
      ? { mode, reason: 'paper: native stops turned off (option nativeStops)' }
      : { mode };
  // Every fill is an answer (to a request, or to a tick): nothing arrives on its own.
  const reports$ = new Subject<ExchangeReport>();
  const missing = (clientOrderId: string) => ({
    code: 'NOT_FOUND' as const,
    message: `paper: no order with client order id ${clientOrderId}`,
  });
  return {
    id: 'paper',
    async place(request) {
      const answered = book.submit(request);
      const refusal = answered.find((r) => r.execType === 'REJECTED');
      if (refusal !== undefined)
        return left({ code: 'REJECTED', message: refusal.reason ?? 'paper: order refused' });
      const order = book.lookup(request.clientOrderId);
      if (order === null) return left(missing(request.clientOrderId));
      // A fill at once (an exit answering its tick) is listed with its fee, as a venue's full
      // create answer lists its fills.
      const fills = answered.filter((r) => r.execType === 'TRADE');
      return right(fills.length === 0 ? order : { ...order, fills });
    },
    async cancel(clientOrderId) {
      book.cancel(clientOrderId);
      const order = book.lookup(clientOrderId);
      return order === null ? left(missing(clientOrderId)) : right(order);
    },
    nativeStops: async () => nativeStops,
    async amendStop(clientOrderId, _symbol, change) {
      const refusal = book.amendStop(clientOrderId, change).find((r) => r.execType === 'REJECTED');
      const order = book.lookup(clientOrderId);
      if (order === null) return left(missing(clientOrderId));
      return refusal === undefined
        ? right(order)
        : left({ code: 'REJECTED', message: refusal.reason ?? 'paper: amend refused' });
    },
    lookup: async (clientOrderId) => right(book.lookup(clientOrderId)),
    matchTick: (tick) => book.match(tick),
    restorePositions: (positions) => book.restorePositions(positions),
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
