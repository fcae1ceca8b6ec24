import { isLateCopy, type OrderEvent } from '@smart-orders/core';
import type { OpenOrderBook } from './openOrderBook';
import { orderStream, type EventStore } from './ports/eventStore';
import type { ExchangeReport } from './ports/exchange';

/**
 * The reports of a unit of work less the late copies of what ended orders recorded (the core's
 * `isLateCopy`). Binance answers a market order with its fills and sends the same fills on its
 * stream afterwards; when the answer's fill ended the smart order, the copy found no open order,
 * and every order that closed that way was warned of, and counted as an unexpected fill. A report
 * for one of the last orders to end is read against that order's log (once per unit) and dropped
 * when it holds nothing new; every other report goes on as it came, to be decided or ignored.
 */
export const withoutLateCopies = async (
  book: OpenOrderBook,
  store: EventStore,
  reports: readonly ExchangeReport[],
): Promise<readonly ExchangeReport[]> => {
  let logs: Map<string, OrderEvent[]> | undefined;
  const kept: ExchangeReport[] = [];
  for (const r of reports) {
    const ended =
      book.orderIdOfClientOrderId(r.clientOrderId) === undefined
        ? book.endedOrderOf(r.clientOrderId)
        : undefined;
    if (ended === undefined) {
      kept.push(r);
      continue;
    }
    logs ??= new Map();
    let events = logs.get(ended);
    if (events === undefined) {
      events = (await store.readStream(orderStream(ended))).map(
        (e) => ({ type: e.type, ts: e.ts, data: e.data }) as OrderEvent,
      );
      logs.set(ended, events);
    }
    if (!isLateCopy(events, r)) kept.push(r);
  }
  return kept;
};
