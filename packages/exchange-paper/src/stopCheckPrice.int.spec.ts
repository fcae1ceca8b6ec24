import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import { createEngine, getInMemoryEventStore } from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

const SYMBOL = 'BTC/USDT';
const quote = (ts: number, bid: number, ask: number, price?: number): Tick => ({
  type: 'Tick',
  symbol: SYMBOL,
  ts,
  bid,
  ask,
  ...(price === undefined ? {} : { price }),
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
  takeProfits: [{ price: 110, sizePct: 100 }],
  stopLoss: { price: 90 },
  ...overrides,
});

const engineOn = async (first: Tick) => {
  const engine = createEngine({ store: getInMemoryEventStore(), exchange: getPaperExchange() });
  await engine.start();
  await engine.tick(first);
  return engine;
};

describe('the last price for a stop check is the price the stop triggers on (SEMANTICS §4)', () => {
  it('a long on quote ticks bid 99 / ask 101: ModifyStopLoss 99.5 is refused (the bid, not the mid)', async () => {
    const engine = await engineOn(quote(10, 99, 101));
    await engine.process({ commands: [order({ ts: 10 })], tick: quote(11, 99, 101) });
    expect(engine.view('o-1')?.status).toBe('ACTIVE');
    const modified = await engine.submit({
      type: 'ModifyStopLoss',
      orderId: 'o-1',
      ts: 12,
      price: 99.5,
    });
    expect(modified).toMatchObject({ _tag: 'Left', left: { code: 'INVALID_STOP_PRICE' } });
    const nothingFires = await engine.tick(quote(13, 99, 101));
    expect(nothingFires.events).toEqual([]);
    await engine.stop();
  });

  it('a BID_ASK long on ticks with price 100 and bid 99: ModifyStopLoss 99.5 is refused', async () => {
    const engine = await engineOn(quote(10, 99, 101, 100));
    await engine.process({
      commands: [order({ ts: 10, triggerSource: 'BID_ASK' })],
      tick: quote(11, 99, 101, 100),
    });
    const modified = await engine.submit({
      type: 'ModifyStopLoss',
      orderId: 'o-1',
      ts: 12,
      price: 99.5,
    });
    expect(modified).toMatchObject({ _tag: 'Left', left: { code: 'INVALID_STOP_PRICE' } });
    await engine.stop();
  });

  it('a market long’s take-profits are validated against the ask it fills at: TP 100.5 on bid 99 / ask 101 is refused', async () => {
    const engine = await engineOn(quote(10, 99, 101));
    const created = await engine.submit(
      order({ ts: 11, takeProfits: [{ price: 100.5, sizePct: 100 }] }),
    );
    expect(created).toMatchObject({ _tag: 'Left', left: { code: 'VALIDATION_FAILED' } });
    const short = await engine.submit(
      order({
        ts: 11,
        orderId: 'o-2',
        side: 'SELL',
        takeProfits: [{ price: 99.5, sizePct: 100 }],
        stopLoss: { price: 110 },
      }),
    );
    expect(short).toMatchObject({ _tag: 'Left', left: { code: 'VALIDATION_FAILED' } });
    await engine.stop();
  });
});
