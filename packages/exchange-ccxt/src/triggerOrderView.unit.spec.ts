import type { Exchange as CcxtInstance, Order } from 'ccxt';
import { ccxt } from './ccxtModule';
import { createOrderTracker } from './orderTracker';
import { MARKETS } from './testing/markets';

const stopCid = 'son0r3k3j9x2ab7qfe41mz';

// ccxt's own parser of binance's user data stream, so the views are what `watchOrders` yields.
const binance = (): CcxtInstance => {
  const exchange = new (ccxt.pro as unknown as Record<string, new () => CcxtInstance>)[
    'binance'
  ]!();
  exchange.setMarkets([...MARKETS.binance]);
  return exchange;
};
const parse = (exchange: CcxtInstance, o: Record<string, unknown>): Order =>
  (exchange as unknown as { parseWsOrder(o: unknown): Order }).parseWsOrder(o);

const algoUpdate = (o: Record<string, unknown>) => ({
  caid: stopCid,
  aid: 2146760,
  at: 'CONDITIONAL',
  o: 'STOP_MARKET',
  s: 'BTCUSDT',
  S: 'SELL',
  ps: 'BOTH',
  f: 'GTC',
  q: '0.012',
  X: 'NEW',
  ai: '',
  ap: '0',
  aq: '0',
  tp: '48000.1',
  p: '0',
  R: true,
  tt: 0,
  ...o,
});

const childUpdate = {
  s: 'BTCUSDT',
  c: 'autotrigger-child-1',
  S: 'SELL',
  o: 'MARKET',
  f: 'GTC',
  q: '0.012',
  p: '0',
  ap: '47990.2',
  sp: '48000.1',
  x: 'TRADE',
  X: 'FILLED',
  i: 88_937_381_063,
  l: '0.012',
  z: '0.012',
  L: '47990.2',
  T: 1_700_000_000_250,
  R: true,
  ot: 'STOP_MARKET',
  ps: 'BOTH',
};

const tracked = () => {
  const tracker = createOrderTracker('binance', () => 1);
  tracker.track({
    clientOrderId: stopCid,
    wire: stopCid,
    symbol: 'BTC/USDT:USDT',
    contractSize: 1,
    sentAt: 0,
  });
  return tracker;
};

describe("binance native stops on the user data stream (ALGO_UPDATE and the triggered order's updates)", () => {
  it('reports the fill of the order a stop triggered under the stop, never the trigger itself as a fill', () => {
    const ex = binance();
    const t = tracked();
    expect(t.observe(parse(ex, algoUpdate({})), 0)).toEqual([
      expect.objectContaining({ clientOrderId: stopCid, execType: 'NEW' }),
    ]);
    // ccxt reads TRIGGERED as closed and the whole amount as filled; nothing has filled yet.
    const triggered = parse(ex, algoUpdate({ X: 'TRIGGERED', ai: '88937381063' }));
    expect(triggered.status).toBe('closed');
    expect(t.observe(triggered, 0)).toEqual([]);
    expect(t.observe(parse(ex, childUpdate), 0)).toEqual([
      expect.objectContaining({
        clientOrderId: stopCid,
        execType: 'TRADE',
        lastQuantity: 0.012,
        lastPrice: 47990.2,
        cumulativeQuantity: 0.012,
      }),
    ]);
    expect(
      t.observe(
        parse(ex, algoUpdate({ X: 'FINISHED', ai: '88937381063', aq: '0.012', ap: '47990.2' })),
        0,
      ),
    ).toEqual([]);
  });

  it('reports the fill from ALGO_UPDATE when the triggered order was missed', () => {
    const ex = binance();
    const t = tracked();
    t.observe(parse(ex, algoUpdate({})), 0);
    expect(
      t.observe(
        parse(ex, algoUpdate({ X: 'FINISHED', ai: '88937381063', aq: '0.012', ap: '47990.2' })),
        0,
      ),
    ).toEqual([
      expect.objectContaining({ execType: 'TRADE', lastQuantity: 0.012, lastPrice: 47990.2 }),
    ]);
  });

  it('reports a stop whose triggered order found no position as expired, with nothing filled', () => {
    const ex = binance();
    const t = tracked();
    t.observe(parse(ex, algoUpdate({})), 0);
    expect(t.observe(parse(ex, algoUpdate({ X: 'FINISHED', ai: '88937381063' })), 0)).toEqual([
      expect.objectContaining({ execType: 'EXPIRED', cumulativeQuantity: 0 }),
    ]);
  });
});
