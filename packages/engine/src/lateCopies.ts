import { isLateCopy, type OrderEvent } from '@smart-orders/core';
import type { OpenOrderBook } from './openOrderBook';
import { orderStream, type EventStore } from './ports/eventStore';
import type { UnitOfWork } from './unitOfWork';
import { orderEventOf } from './orderEventOf';

type Ignored = UnitOfWork['ignoredReports'][number];

/**
 * The reports a unit of work ignored, less the late copies of what ended orders recorded (the
 * core's `isLateCopy`). Binance answers a market order with its fills and sends the same fills
 * on its stream afterwards; when the answer's fill ended the smart order, the copy finds it
 * ended, and every order that closed that way was warned of, and counted as an unexpected fill.
 * An ignored report for one of the last orders to end is read against that order's log (once
 * per unit) and dropped when it holds nothing new. Only ignored reports come here: a report that
 * found its order costs nothing more.
 */
export const withoutLateCopies = async (
  book: OpenOrderBook,
  store: EventStore,
  ignored: readonly Ignored[],
): Promise<readonly Ignored[]> => {
  let logs: Map<string, OrderEvent[]> | undefined;
  const kept: Ignored[] = [];
  for (const i of ignored) {
    const cid = i.report.clientOrderId;
    const ended = book.endedOrderOf(cid);
    if (ended === undefined || book.orderIdOfClientOrderId(cid) !== undefined) {
      kept.push(i);
      continue;
    }
    logs ??= new Map();
    let events = logs.get(ended);
    if (events === undefined) {
      events = (await store.readStream(orderStream(ended))).map(orderEventOf);
      logs.set(ended, events);
    }
    if (!isLateCopy(events, i.report)) kept.push(i);
  }
  return kept;
};
