import { fold, type OrderEvent } from '@smart-orders/core';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { createEngine, getInMemoryEventStore } from '@smart-orders/engine';
import { order, tick } from './behaviour/venues.spec.helper';
import { createOpenOrderBook } from './openOrderBook';
import { orderStream } from './ports/eventStore';
import { rebuildOpenOrders } from './rebuild';

describe('rebuildOpenOrders', () => {
  it('gives each open order the state its own stream folds to, whatever number of events it has', async () => {
    const store = getInMemoryEventStore();
    const engine = createEngine({ store, exchange: getPaperExchange() });
    await engine.start();
    await engine.process({
      commands: [
        // Created only: a limit entry below the market rests.
        order({ orderId: 'resting', entry: { type: 'LIMIT', price: 97 } }),
        // Created and filled.
        order({ orderId: 'filled', takeProfits: [{ price: 120, sizePct: 100 }] }),
        // Filled, then its trailing stop armed and raised on every tick up.
        order({
          orderId: 'trailing',
          takeProfits: [{ price: 150, sizePct: 100 }],
          trailing: { callbackRate: 0.02 },
        }),
        // Filled, then closed at its take-profit: not open.
        order({ orderId: 'closed', takeProfits: [{ price: 103, sizePct: 100 }] }),
      ],
    });
    for (const [i, price] of [100, 104, 106, 108, 110].entries())
      await engine.tick(tick(10 + i, price));
    await engine.stop();

    const book = createOpenOrderBook();
    await rebuildOpenOrders(store, book);

    const open = ['resting', 'filled', 'trailing'];
    expect([...book.all()].map((s) => s.spec.orderId)).toEqual(open);
    const lengths = [];
    for (const id of open) {
      const events = await store.readStream(orderStream(id));
      lengths.push(events.length);
      expect(book.get(id)).toEqual(
        fold(events.map((e) => ({ type: e.type, ts: e.ts, data: e.data }) as OrderEvent)),
      );
    }
    // One event, two, and more: each way the rebuild keeps an order before its state is made.
    expect(lengths[0]).toBe(1);
    expect(lengths[1]).toBe(2);
    expect(lengths[2]).toBeGreaterThan(3);
    expect(book.get('closed')).toBeUndefined();
  });
});
