import {
  decide,
  evolve,
  fold,
  type Command,
  type CreateSmartOrder,
  type OrderEvent,
  type State,
} from '@smart-orders/core';
import { inWorld, paperFills } from '@smart-orders/core/testing';
import { createOpenOrderBook } from './openOrderBook';
import { orderStream } from './ports/eventStore';
import { rebuildOpenOrders } from './rebuild';
import { getInMemoryEventStore } from './stores/memoryEventStore';

const order = (orderId: string, overrides: Partial<CreateSmartOrder> = {}): CreateSmartOrder => ({
  type: 'CreateSmartOrder',
  orderId,
  ts: 1,
  exchange: 'paper',
  symbol: 'BTC/USDT',
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [{ price: 150, sizePct: 100 }],
  stopLoss: { price: 95 },
  ...overrides,
});

/** An order's events as the paper exchange's world answers it, from its creation through the ticks. */
const eventsOf = (create: CreateSmartOrder, prices: readonly number[]): OrderEvent[] => {
  let state: State = null;
  const events: OrderEvent[] = [];
  const submit = inWorld(
    paperFills(),
    () => state,
    (command: Command) => {
      const decided = decide(command, state);
      if (decided._tag === 'Left') return [];
      for (const e of decided.right) state = evolve(state, e);
      events.push(...decided.right);
      return decided.right;
    },
  );
  submit(create);
  prices.forEach((price, i) => submit({ type: 'Tick', symbol: 'BTC/USDT', ts: 10 + i, price }));
  return events;
};

describe('rebuildOpenOrders', () => {
  it('gives each open order the state its own stream folds to, whatever number of events it has', async () => {
    const prices = [100, 104, 106, 108, 110];
    const streams = new Map<string, OrderEvent[]>([
      // Created only: a limit entry below every price rests.
      ['resting', eventsOf(order('resting', { entry: { type: 'LIMIT', price: 97 } }), prices)],
      // Created and filled.
      ['filled', eventsOf(order('filled'), prices.slice(0, 1))],
      // Filled, then its trailing stop armed and raised on every tick up.
      ['trailing', eventsOf(order('trailing', { trailing: { callbackRate: 0.02 } }), prices)],
      // Filled, then closed at its take-profit: not open.
      [
        'closed',
        eventsOf(order('closed', { takeProfits: [{ price: 103, sizePct: 100 }] }), prices),
      ],
    ]);
    expect([...streams.values()].map((events) => events.length)).toEqual([
      1,
      2,
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(streams.get('trailing')?.length).toBeGreaterThan(3);

    // The streams' events interleaved in the log, as orders that live side by side write them.
    const store = getInMemoryEventStore();
    const longest = Math.max(...[...streams.values()].map((events) => events.length));
    for (let i = 0; i < longest; i++)
      for (const [id, events] of streams) {
        const event = events[i];
        if (event !== undefined)
          await store.appendBatch([
            {
              stream: orderStream(id),
              expectedVersion: i === 0 ? 'no_stream' : i,
              events: [event],
            },
          ]);
      }

    const book = createOpenOrderBook();
    await rebuildOpenOrders(store, book);

    expect([...book.all()].map((s) => s.spec.orderId)).toEqual(['resting', 'filled', 'trailing']);
    for (const id of ['resting', 'filled', 'trailing']) {
      const stored = await store.readStream(orderStream(id));
      const replayed = stored.map((e) => ({ type: e.type, ts: e.ts, data: e.data }) as OrderEvent);
      expect(book.get(id)).toEqual(fold(replayed));
    }
    expect(book.get('closed')).toBeUndefined();
  });
});
