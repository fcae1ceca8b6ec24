import type { CreateSmartOrder } from '@smart-orders/core';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { createEngine, getInMemoryEventStore, type EventStore } from '@smart-orders/engine';
import { order, tick } from './venues.spec.helper';

/** Orders of every kind the book keeps: resting, filled, trailing, laddered, timed. */
const orders: CreateSmartOrder[] = Array.from({ length: 24 }, (_, i) =>
  order({
    orderId: `o-${i}`,
    ...(i % 4 === 1 ? { entry: { type: 'LIMIT' as const, price: 97 + (i % 3) } } : {}),
    ...(i % 4 === 2 ? { trailing: { callbackRate: 0.02 } } : {}),
    ...(i % 4 === 3
      ? {
          takeProfits: [
            { price: 104, sizePct: 50 },
            { price: 108 + (i % 2), sizePct: 50 },
          ],
          breakEven: true,
        }
      : { takeProfits: [{ price: 106 + (i % 5), sizePct: 100 }] }),
    ...(i % 6 === 0 ? { timeLimits: { positionTimeLimitMs: 50 } } : {}),
    stopLoss: { price: 92 + (i % 4) },
  }),
);
const PRICES = [100, 98, 96, 101, 103, 105, 104, 107, 109, 106, 99, 97, 94, 100, 111];

/** The log an engine writes for the orders and prices, restarted halfway through. */
const logOf = async (unpackedOrders?: number) => {
  const store: EventStore = getInMemoryEventStore();
  const engineOn = () =>
    createEngine({
      store,
      exchange: getPaperExchange(),
      ...(unpackedOrders === undefined ? {} : { unpackedOrders }),
    });
  const first = engineOn();
  await first.start();
  await first.process({ commands: orders });
  for (const [i, price] of PRICES.slice(0, 8).entries()) await first.tick(tick(10 + 10 * i, price));
  const viewsBefore = first.openOrders();
  await first.stop();
  const second = engineOn();
  await second.start();
  const viewsAfter = second.openOrders();
  for (const [i, price] of PRICES.slice(8).entries()) await second.tick(tick(100 + 10 * i, price));
  const views = second.openOrders();
  await second.stop();
  const events = (await store.readAll(0)).map((e) => ({
    orderId: e.orderId,
    type: e.type,
    data: e.data,
  }));
  return { events, viewsBefore, viewsAfter, views };
};

describe('an engine that keeps few open orders as objects and packs the rest', () => {
  it('writes the same log, and shows the same orders, as one that keeps every order as objects', async () => {
    const whole = await logOf();
    const packed = await logOf(2);
    // Enough happened for the comparison to say something.
    expect(new Set(whole.events.map((e) => e.type)).size).toBeGreaterThan(6);
    expect(whole.viewsBefore.length).toBeGreaterThan(4);
    expect(packed.events).toEqual(whole.events);
    expect(packed.viewsBefore).toEqual(whole.viewsBefore);
    expect(packed.viewsAfter).toEqual(whole.viewsBefore);
    expect(packed.views).toEqual(whole.views);
  });

  it('refuses a limit that is not a whole number of orders, 0 or more, or Infinity', () => {
    const make = (unpackedOrders: number) => () =>
      createEngine({
        store: getInMemoryEventStore(),
        exchange: getPaperExchange(),
        unpackedOrders,
      });
    expect(make(-1)).toThrow(
      'unpackedOrders must be a whole number of orders, 0 or more, or Infinity (never pack); got -1',
    );
    expect(make(1.5)).toThrow(RangeError);
    expect(make(Number.NaN)).toThrow(RangeError);
    expect(make(0)).not.toThrow();
    expect(make(Number.POSITIVE_INFINITY)).not.toThrow();
  });
});
