import * as ccxt from 'ccxt';
import { pointCcxtAtVenue } from '../ccxtForVenue';
import { startVenue, type Venue } from '../startVenue';
import { API_KEY, SECRET, ticks } from '../testing/venueFixtures.spec.helper';
import type { VenueTick } from '../venueTick';

const PERP = 'BTC/USDT:USDT';

type Binanceusdm = InstanceType<(typeof ccxt)['pro']['binanceusdm']>;
type Row = number | Omit<VenueTick, 'type' | 'symbol' | 'ts'>;

/**
 * The USDⓈ-M venue fills with the core's fill model and its defaults (SEMANTICS §9.4): 10 / 10
 * bps, every fill in the settlement asset, at most what each tick printed, its own fills printed
 * on the public trade stream; ccxt's own parsers read every part and its fee.
 */
describe('fills and fees on the USDⓈ-M venue by default, read by ccxt.pro.binanceusdm', () => {
  let venue: Venue;
  let ex: Binanceusdm;

  const start = async (rows: readonly Row[]) => {
    venue = await startVenue({
      ticks: ticks(rows),
      marketType: 'usdm',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000 },
    });
    ex = pointCcxtAtVenue(
      new ccxt.pro.binanceusdm({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
      'usdm',
    );
    await ex.loadMarkets();
  };

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  it('charges every fill in the settlement asset, even a buy: in the order update (n / N), userTrades and the wallet', async () => {
    await start([100, 100, 101]);
    const updates = ex.watchOrders(PERP);
    // ccxt subscribes the user-data stream before it resolves the first watch.
    await new Promise((r) => setTimeout(r, 300));
    const bought = await ex.createOrder(PERP, 'market', 'buy', 1, undefined, {
      clientOrderId: 'long',
    });
    const streamed = (await updates).find((o) => o.clientOrderId === 'long');
    // Bought at the tick's trade price, 100: 10 bps of 100 USDT.
    expect(streamed?.fee).toEqual(expect.objectContaining({ cost: 0.1, currency: 'USDT' }));
    const [trade] = await ex.fetchMyTrades(PERP);
    expect(trade).toEqual(
      expect.objectContaining({
        order: bought.id,
        fee: expect.objectContaining({ cost: 0.1, currency: 'USDT' }),
      }),
    );
    await ex.createOrder(PERP, 'market', 'sell', 1, undefined, { reduceOnly: true });
    // Closed at 100: no profit, fees of 0.1 + 0.1.
    const balance = await ex.fetchBalance();
    expect(balance['USDT']?.total).toBeCloseTo(1000 - 0.2, 9);
  });

  it('an order larger than a print fills in parts, one fee per part in ORDER_TRADE_UPDATE and userTrades, and each part is printed on the trade stream', async () => {
    await start([
      { price: 100, quantity: 0.4 },
      { price: 101, quantity: 0.4 },
      { price: 102, quantity: 5 },
    ]);
    const updates: { filled: number; status: string; x: unknown; l: unknown; n: unknown }[] = [];
    const watching = (async () => {
      while (!updates.some((u) => u.status === 'closed')) {
        for (const o of await ex.watchOrders(PERP))
          updates.push({
            filled: o.filled ?? 0,
            status: o.status ?? '',
            x: o.info['x'],
            l: o.info['l'],
            n: o.info['n'],
          });
      }
    })();
    const printed: number[] = [];
    const prints = (async () => {
      while (printed.length < 5)
        for (const t of await ex.watchTrades(PERP)) printed.push(t.amount ?? 0);
    })();
    await new Promise((r) => setTimeout(r, 300));
    const bought = await ex.createOrder(PERP, 'market', 'buy', 1, undefined, {
      clientOrderId: 'parts',
    });
    expect(bought).toEqual(expect.objectContaining({ status: 'open', filled: 0.4 }));
    venue.advance(1);
    await new Promise((r) => setTimeout(r, 100));
    venue.advance(1);
    await watching;
    const parts = updates.filter((u) => u.x === 'TRADE');
    expect(parts.map((u) => [u.status, u.filled, u.l, u.n])).toEqual([
      ['open', 0.4, '0.40000000', '0.04000000'],
      ['open', 0.8, '0.40000000', '0.04040000'],
      ['closed', 1, '0.20000000', '0.02040000'],
    ]);
    const trades = await ex.fetchMyTrades(PERP);
    expect(trades.map((t) => [t.price, t.amount, t.fee?.cost, t.fee?.currency])).toEqual([
      [100, 0.4, 0.04, 'USDT'],
      [101, 0.4, 0.0404, 'USDT'],
      [102, 0.2, 0.0204, 'USDT'],
    ]);
    const [position] = await ex.fetchPositions([PERP]);
    expect(position).toEqual(expect.objectContaining({ contracts: 1, entryPrice: 100.8 }));
    // The two recorded prints after the start and the venue's own three parts.
    await prints;
    expect([...printed].sort()).toEqual([0.2, 0.4, 0.4, 0.4, 5]);
  });
});
