import { getPaperExchange } from '@smart-orders/exchange-paper';
import { createEngine, getInMemoryEventStore } from '@smart-orders/engine';
import { order, tick } from './venues.spec.helper';

describe('a restart over a log longer than a page of its rebuild (2,000 events)', () => {
  it('rebuilds the open orders the engine before it held, created, filled and closed pages apart', async () => {
    const store = getInMemoryEventStore();
    const first = createEngine({ store, exchange: getPaperExchange() });
    await first.start();
    // Market entries fill on the first tick; half of them reach their take-profit on the
    // second and close; limit entries below the market rest, open.
    await first.process({
      commands: Array.from({ length: 1_500 }, (_, i) =>
        order({
          orderId: `o-${i}`,
          ...(i % 3 === 2 ? { entry: { type: 'LIMIT', price: 97 } } : {}),
          takeProfits: [{ price: i % 2 === 0 ? 105 : 110, sizePct: 100 }],
        }),
      ),
    });
    await first.tick(tick(10, 100));
    await first.tick(tick(20, 106));
    const before = first.openOrders();
    await first.stop();
    expect((await store.readAll(0)).length).toBeGreaterThan(2_000);
    expect(before.map((v) => v.status).sort()).toEqual([
      ...Array<string>(500).fill('ACTIVE'),
      ...Array<string>(500).fill('PENDING'),
    ]);

    const second = createEngine({ store, exchange: getPaperExchange() });
    await second.start();
    expect(second.openOrders()).toEqual(before);
    await second.stop();
  });
});
