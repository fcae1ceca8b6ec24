import { left } from 'fp-ts/Either';
import { createEngine, getInMemoryEventStore, type Exchange } from '@smart-orders/engine';
import { order, venues } from './venues.spec.helper';

/** The exchange, counting the lookups the engine makes, its open-order list readable or not. */
const counting = (exchange: Exchange, listReadable: () => boolean) => {
  const looked: string[] = [];
  return {
    looked,
    exchange: {
      ...exchange,
      lookup: (clientOrderId: string, symbol: string) => {
        looked.push(clientOrderId);
        return exchange.lookup(clientOrderId, symbol);
      },
      openOrders: (symbol?: string) =>
        listReadable()
          ? exchange.openOrders(symbol)
          : Promise.resolve(left({ code: 'NETWORK' as const, message: 'unreachable' })),
    } as Exchange,
  };
};

const resting = (i: number) =>
  order({ orderId: `o-${i}`, ts: i, entry: { type: 'LIMIT', price: 90 }, stopLoss: { price: 85 } });

describe.each(venues)(
  'the running check of working orders on %s (engine.reconcile)',
  (_n, venue) => {
    it("reads each symbol's open orders once and looks up none of the orders listed there as the log holds them", async () => {
      let readable = true;
      const { looked, exchange } = counting(venue(), () => readable);
      const engine = createEngine({ store: getInMemoryEventStore(), exchange });
      await engine.start();
      await engine.process({ commands: [1, 2, 3, 4, 5].map(resting) });
      await new Promise((resolve) => setTimeout(resolve, 20));
      looked.length = 0;
      await engine.reconcile();
      expect(looked).toEqual([]);
      // When the list cannot be read, each order is looked up as before: nothing is taken on trust.
      readable = false;
      await engine.reconcile();
      expect(looked).toHaveLength(5);
      await engine.stop();
    });
  },
);
