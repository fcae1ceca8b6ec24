import * as ccxt from 'ccxt';
import { pointCcxtAtVenue, type CcxtProBinance } from './ccxtForVenue';
import { startVenue, type Venue } from './startVenue';
import {
  API_KEY,
  controlGet,
  eventually,
  SECRET,
  SYMBOL,
  ticks,
} from './testing/venueFixtures.spec.helper';
import type { VenueTick } from './venueTick';

type Row = number | Omit<VenueTick, 'type' | 'symbol' | 'ts'>;

/**
 * The venue fills with the core's fill model and its defaults (SEMANTICS §9.4): 10 / 10 bps in
 * the received asset (Binance spot without BNB), at most what each tick printed, its own fills
 * printed on the public trade stream; ccxt's own parsers read every part and its fee from each
 * place Binance puts them.
 */
describe('fills and fees on the venue by default, read by ccxt.pro.binance', () => {
  let venue: Venue;
  let ex: CcxtProBinance;

  const start = async (rows: readonly Row[]) => {
    venue = await startVenue({
      ticks: ticks(rows),
      symbol: SYMBOL,
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000, BTC: 0 },
    });
    ex = pointCcxtAtVenue(
      new ccxt.pro.binance({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
    );
    await ex.loadMarkets();
  };

  const userDataSubscribed = () =>
    eventually(
      async () =>
        (await controlGet<{ userData: number }>(venue.url, '/control/state')).userData > 0,
    );

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  it('a market buy pays its fee in BTC: in the create answer, the execution report (n / N), myTrades and the balance', async () => {
    await start([100, 101, 102]);
    const reported = ex.watchOrders(SYMBOL);
    await userDataSubscribed();
    const bought = await ex.createOrder(SYMBOL, 'market', 'buy', 1);
    // Bought at the tick's trade price, 100: 10 bps of 1 BTC.
    expect(bought.fee).toEqual(expect.objectContaining({ cost: 0.001, currency: 'BTC' }));
    const streamed = (await reported).find((o) => o.id === bought.id);
    expect(streamed?.fee).toEqual(expect.objectContaining({ cost: 0.001, currency: 'BTC' }));
    const [trade] = await ex.fetchMyTrades(SYMBOL);
    expect(trade?.fee).toEqual(expect.objectContaining({ cost: 0.001, currency: 'BTC' }));
    const balance = await ex.fetchBalance();
    expect(balance['BTC']?.free).toBe(0.999);
    expect(balance['USDT']?.free).toBe(900);
    // The whole lot bought is more than is held after the fee: Binance's -2010.
    await expect(ex.createOrder(SYMBOL, 'market', 'sell', 1)).rejects.toBeInstanceOf(
      ccxt.InsufficientFunds,
    );
    const sold = await ex.createOrder(SYMBOL, 'market', 'sell', 0.999);
    // Sold at 100: 10 bps of 99.9 USDT.
    expect(sold.fee).toEqual(expect.objectContaining({ cost: 0.0999, currency: 'USDT' }));
  });

  it("prints the venue's own fills on the public trade stream, as Binance does", async () => {
    await start([100, 101, 102]);
    const printed = ex.watchTrades(SYMBOL);
    await eventually(async () =>
      (await controlGet<{ streams: string[] }>(venue.url, '/control/state')).streams.includes(
        'btcusdt@trade',
      ),
    );
    await ex.createOrder(SYMBOL, 'market', 'buy', 0.5);
    expect((await printed)[0]).toEqual(
      expect.objectContaining({ symbol: SYMBOL, price: 100, amount: 0.5 }),
    );
  });

  it('an order larger than a print fills in parts on later ticks, one fee per part: the create answer, each execution report, fetchOrder and myTrades agree', async () => {
    await start([
      { price: 100, quantity: 0.4 },
      { price: 101, quantity: 0.4 },
      { price: 102, quantity: 5 },
    ]);
    const updates: { filled: number; status: string; x: unknown; l: unknown; n: unknown }[] = [];
    const watching = (async () => {
      while (!updates.some((u) => u.status === 'closed')) {
        for (const o of await ex.watchOrders(SYMBOL))
          updates.push({
            filled: o.filled ?? 0,
            status: o.status ?? '',
            x: o.info['x'],
            l: o.info['l'],
            n: o.info['n'],
          });
      }
    })();
    await userDataSubscribed();
    const bought = await ex.createOrder(SYMBOL, 'market', 'buy', 1);
    // The first tick printed 0.4: that part now, the rest on the ticks after it.
    expect(bought).toEqual(
      expect.objectContaining({ status: 'open', filled: 0.4, remaining: 0.6 }),
    );
    expect(bought.fee).toEqual(expect.objectContaining({ cost: 0.0004, currency: 'BTC' }));
    venue.advance(1);
    await eventually(() => updates.some((u) => u.filled === 0.8));
    venue.advance(1);
    await watching;
    const parts = updates.filter((u) => u.x === 'TRADE');
    expect(parts.map((u) => [u.status, u.filled, u.l, u.n])).toEqual([
      ['open', 0.4, '0.40000000', '0.00040000'],
      ['open', 0.8, '0.40000000', '0.00040000'],
      ['closed', 1, '0.20000000', '0.00020000'],
    ]);
    const order = await ex.fetchOrder(bought.id as string, SYMBOL);
    expect(order).toEqual(expect.objectContaining({ status: 'closed', filled: 1, cost: 100.8 }));
    const trades = await ex.fetchMyTrades(SYMBOL);
    expect(trades.map((t) => [t.order, t.price, t.amount, t.fee?.cost, t.fee?.currency])).toEqual([
      [bought.id, 100, 0.4, 0.0004, 'BTC'],
      [bought.id, 101, 0.4, 0.0004, 'BTC'],
      [bought.id, 102, 0.2, 0.0002, 'BTC'],
    ]);
    const balance = await ex.fetchBalance();
    // 1 BTC less 10 bps withheld from each part; 40 + 40.4 + 20.4 USDT paid.
    expect(balance['BTC']?.free).toBe(0.999);
    expect(balance['USDT']?.free).toBe(899.2);
  });
});
