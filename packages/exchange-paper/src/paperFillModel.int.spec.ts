import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import {
  createEngine,
  getInMemoryEventStore,
  orderStream,
  type Exchange,
  type StoredEvent,
} from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

// The paper exchange fills with the core's one fill model (SEMANTICS §9.4): fees in the asset
// the schedule charges, fills limited by the printed size, latency; the engine folds what it
// reports (fees on the fill events, the net position, P&L net of fees).
const SYMBOL = 'BTC/USDT';
const trade = (ts: number, price: number, quantity?: number): Tick => ({
  type: 'Tick',
  symbol: SYMBOL,
  ts,
  price,
  ...(quantity === undefined ? {} : { quantity }),
});

const order = (overrides: Partial<CreateSmartOrder> = {}): CreateSmartOrder => ({
  type: 'CreateSmartOrder',
  orderId: 'o-1',
  ts: 1,
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [{ price: 105, sizePct: 100 }],
  stopLoss: { price: 95 },
  market: { tickSize: 0.01, stepSize: 0.001, minQty: 0.001 },
  ...overrides,
});

const run = async (
  exchange: Exchange,
  ticks: readonly Tick[],
  create: CreateSmartOrder = order(),
): Promise<StoredEvent[]> => {
  const store = getInMemoryEventStore();
  const engine = createEngine({ store, exchange });
  await engine.start();
  await engine.process({ commands: [create] });
  for (const t of ticks) await engine.tick(t);
  await engine.stop();
  return [...(await store.readStream(orderStream(create.orderId)))];
};

const data = (events: readonly StoredEvent[], type: string) =>
  events.filter((e) => e.type === type).map((e) => e.data as Record<string, unknown>);

describe('the paper exchange fills with the one fill model (SEMANTICS §9.4)', () => {
  it('charges a spot buy’s fee in the base asset it receives; the exits sell the net position and pay in the quote', async () => {
    const exchange = getPaperExchange({
      fills: { fees: { makerBps: 10, takerBps: 10, asset: 'RECEIVED' } },
    });
    const log = await run(exchange, [trade(10, 100), trade(20, 106)]);
    expect(data(log, 'EntryFilled')[0]).toMatchObject({
      quantity: 1,
      fee: { amount: 0.001, asset: 'BTC' },
      netQuantity: 0.999,
    });
    // The take-profit sells what the account holds after the fee: 0.999, at 106, a taker.
    expect(data(log, 'TpFilled')).toEqual([
      expect.objectContaining({ quantity: 0.999, fee: { amount: 0.105894, asset: 'USDT' } }),
    ]);
    const closed = data(log, 'SmartOrderClosed')[0];
    expect(closed?.['realisedPnl']).toEqual({
      gross: expect.closeTo(0.999 * 6, 9),
      fees: expect.closeTo(0.1 + 0.105894, 9),
      net: expect.closeTo(0.999 * 6 - 0.1 - 0.105894, 9),
    });
    const held = await exchange.positions();
    expect(held._tag === 'Right' && held.right).toEqual([{ symbol: SYMBOL, quantity: 0 }]);
  });

  it('charges every fill in the quote asset under QUOTE, a resting limit entry as a maker', async () => {
    const exchange = getPaperExchange({
      fills: { fees: { makerBps: 2, takerBps: 5, asset: 'QUOTE' } },
    });
    const log = await run(exchange, [trade(10, 101), trade(20, 99.5), trade(30, 106)], {
      ...order(),
      entry: { type: 'LIMIT', price: 100 },
    });
    expect(data(log, 'EntryFilled')[0]).toMatchObject({
      price: 100,
      fee: { amount: 0.02, asset: 'USDT' },
    });
    expect(data(log, 'TpFilled')[0]).toMatchObject({
      quantity: 1,
      fee: { amount: 0.053, asset: 'USDT' },
    });
  });

  it('fills no more than each trade printed: the rest fills on later ticks, each part its own event', async () => {
    const exchange = getPaperExchange({ fills: { sizeLimits: true } });
    const log = await run(exchange, [
      trade(10, 100, 0.4),
      trade(11, 100.5, 0.25),
      trade(12, 101, 5),
      trade(20, 106, 0.3),
      trade(21, 106, 2),
    ]);
    // Each part is its own EntryFilled (SEMANTICS §9.4): the first activates the order, the
    // last completes the entry at the average price.
    expect(data(log, 'EntryFilled').map((d) => [d['price'], d['quantity']])).toEqual([
      [100, 0.4],
      [100.5, 0.25],
      [101, 0.35],
    ]);
    expect(data(log, 'EntryFilled')[2]).toMatchObject({
      filledQuantity: 1,
      averagePrice: expect.closeTo(100.475, 9),
    });
    // The take-profit, split again at each part, takes what each print leaves it.
    expect(data(log, 'TpFilled').map((d) => d['quantity'])).toEqual([0.3, 0.7]);
    expect(log.at(-1)?.type).toBe('SmartOrderClosed');
  });

  it('meets an order sent at t with the first tick at or after t + latencyMs', async () => {
    const exchange = getPaperExchange({ fills: { latencyMs: 50 } });
    const log = await run(exchange, [trade(10, 100), trade(40, 101), trade(51, 102)]);
    expect(data(log, 'EntryFilled')).toEqual([expect.objectContaining({ price: 102 })]);
    expect(log.find((e) => e.type === 'EntryFilled')?.ts).toBe(51);
  });
});
