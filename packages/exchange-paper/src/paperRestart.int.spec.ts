import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import {
  createEngine,
  getInMemoryEventStore,
  orderStream,
  type Exchange,
  type OrderRequest,
} from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

// A paper book dies with its process: after a restart it cannot know what part of an order
// filled. The engine sends only the rest, saying what the log holds (OrderRequest
// `filledQuantity`), and the new book goes on from there: no part is filled, charged or
// reported twice.
const SYMBOL = 'BTC/USDT';
const trade = (ts: number, price: number, quantity: number): Tick => ({
  type: 'Tick',
  symbol: SYMBOL,
  ts,
  price,
  quantity,
});

const create: CreateSmartOrder = {
  type: 'CreateSmartOrder',
  orderId: 'restart-1',
  ts: 1,
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [{ price: 110, sizePct: 100 }],
  stopLoss: { price: 90 },
  market: { tickSize: 0.01, stepSize: 0.001, minQty: 0.001 },
};

const FEES = {
  fees: { makerBps: 10, takerBps: 10, asset: 'QUOTE' as const },
  sizeLimits: true,
};

const recording = (): Exchange & { readonly requests: OrderRequest[] } => {
  const paper = getPaperExchange({ fills: FEES });
  const requests: OrderRequest[] = [];
  return {
    ...paper,
    requests,
    place: (request) => {
      requests.push(request);
      return paper.place(request);
    },
  };
};

describe('a paper order part-filled when the process died (restart)', () => {
  it('is sent again for the rest only, and its fills, fees and cumulative quantities go on where they stopped', async () => {
    const store = getInMemoryEventStore();
    const first = createEngine({ store, exchange: recording() });
    await first.start();
    await first.process({ commands: [create] });
    await first.tick(trade(10, 100, 0.4));
    // Killed here: 0.4 of the entry filled, the rest working on a book that is now gone.
    await first.stop();

    const revived = recording();
    const second = createEngine({ store, exchange: revived });
    await second.start();
    expect(revived.requests).toEqual([
      expect.objectContaining({
        orderId: 'restart-1',
        side: 'BUY',
        quantity: 0.6,
        filledQuantity: 0.4,
      }),
    ]);
    await second.tick(trade(20, 101, 5));
    await second.tick(trade(30, 111, 5));
    await second.stop();

    const log = await store.readStream(orderStream(create.orderId));
    const of = (type: string) =>
      log.filter((e) => e.type === type).map((e) => e.data as Record<string, unknown>);
    // Each part is its own fill (SEMANTICS §9.4); the last, 0.6 at 101, is charged on 0.6 only
    // (0.0606) and completes the entry of 1.
    expect(of('EntryFilled')).toEqual([
      expect.objectContaining({ price: 100, quantity: 0.4, fee: { amount: 0.04, asset: 'USDT' } }),
      expect.objectContaining({
        price: 101,
        quantity: 0.6,
        filledQuantity: 1,
        fee: { amount: 0.0606, asset: 'USDT' },
      }),
    ]);
    expect(of('TpFilled')).toEqual([expect.objectContaining({ quantity: 1, price: 111 })]);
    expect(log.at(-1)?.type).toBe('SmartOrderClosed');
    const held = await revived.positions();
    // The new book holds what it filled: the rest of the entry bought, the whole exit sold.
    expect(held._tag === 'Right' && held.right).toEqual([{ symbol: SYMBOL, quantity: -0.4 }]);
  });
});

describe('an entry ladder whose level part-filled when the process died (restart)', () => {
  const { entry: _one, ...rest } = create;
  const ladder: CreateSmartOrder = {
    ...rest,
    orderId: 'restart-2',
    referencePrice: 100,
    entries: [
      { type: 'MARKET', sizePct: 50 },
      { price: 98, sizePct: 50 },
    ],
  };

  it('sends that level again for its rest only, the level that rests whole as it was, and each part is filled and charged once', async () => {
    const store = getInMemoryEventStore();
    const first = createEngine({ store, exchange: recording() });
    await first.start();
    await first.process({ commands: [ladder] });
    await first.tick(trade(10, 100, 0.2));
    // Killed here: 0.2 of the market level's 0.5 filled, the limit level resting untouched.
    await first.stop();

    const revived = recording();
    const second = createEngine({ store, exchange: revived });
    await second.start();
    expect(revived.requests).toEqual([
      expect.objectContaining({ type: 'MARKET', quantity: 0.3, filledQuantity: 0.2 }),
      expect.objectContaining({ type: 'LIMIT', price: 98, quantity: 0.5 }),
    ]);
    expect(revived.requests[1]).not.toHaveProperty('filledQuantity');
    await second.tick(trade(20, 99, 5));
    await second.tick(trade(30, 97.5, 5));
    await second.tick(trade(40, 111, 5));
    await second.stop();

    const log = await store.readStream(orderStream(ladder.orderId));
    const of = (type: string) =>
      log.filter((e) => e.type === type).map((e) => e.data as Record<string, unknown>);
    expect(of('EntryFilled')).toEqual([
      expect.objectContaining({
        level: 1,
        price: 100,
        quantity: 0.2,
        fee: { amount: 0.02, asset: 'USDT' },
      }),
      // The rest of level 1 only: 0.3 at 99, charged on 0.3 (0.0297).
      expect.objectContaining({
        level: 1,
        price: 99,
        quantity: 0.3,
        filledQuantity: 0.5,
        fee: { amount: 0.0297, asset: 'USDT' },
      }),
      // The resting limit level is a maker: 0.5 × 98 × 10 bps.
      expect.objectContaining({
        level: 2,
        price: 98,
        quantity: 0.5,
        filledQuantity: 1,
        fee: { amount: 0.049, asset: 'USDT' },
      }),
    ]);
    expect(of('TpFilled')).toEqual([expect.objectContaining({ quantity: 1, price: 111 })]);
    expect(log.at(-1)?.type).toBe('SmartOrderClosed');
    const held = await revived.positions();
    // The new book bought the 0.3 and the 0.5 it filled, and sold the whole exit.
    expect(held._tag === 'Right' && held.right).toEqual([{ symbol: SYMBOL, quantity: -0.2 }]);
  });
});

describe('a take-profit part-filled when the process died (restart)', () => {
  it('is sent again for its rest only, and its fills and fees go on where they stopped', async () => {
    const store = getInMemoryEventStore();
    const order: CreateSmartOrder = { ...create, orderId: 'restart-3' };
    const first = createEngine({ store, exchange: recording() });
    await first.start();
    await first.process({ commands: [order] });
    await first.tick(trade(10, 100, 5));
    await first.tick(trade(20, 111, 0.4));
    // Killed here: 0.4 of the take-profit's 1 sold, the rest working on a book that is gone.
    await first.stop();

    const revived = recording();
    const second = createEngine({ store, exchange: revived });
    await second.start();
    expect(revived.requests).toEqual([
      expect.objectContaining({ side: 'SELL', quantity: 0.6, filledQuantity: 0.4 }),
    ]);
    await second.tick(trade(30, 112, 5));
    await second.stop();

    const log = await store.readStream(orderStream(order.orderId));
    const of = (type: string) =>
      log.filter((e) => e.type === type).map((e) => e.data as Record<string, unknown>);
    expect(of('TpFilled')).toEqual([
      expect.objectContaining({
        price: 111,
        quantity: 0.4,
        fee: { amount: 0.0444, asset: 'USDT' },
      }),
      expect.objectContaining({
        price: 112,
        quantity: 0.6,
        fee: { amount: 0.0672, asset: 'USDT' },
      }),
    ]);
    expect(log.at(-1)?.type).toBe('SmartOrderClosed');
    const held = await revived.positions();
    expect(held._tag === 'Right' && held.right).toEqual([{ symbol: SYMBOL, quantity: -0.6 }]);
  });
});
