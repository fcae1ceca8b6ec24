import * as ccxt from 'ccxt';
import { pointCcxtAtVenue, type CcxtProBinance } from './ccxtForVenue';
import { checkVenueOptions } from './venueOptions';
import { startVenue, type Venue } from './startVenue';
import { API_KEY, controlGet, eventually, SECRET, T0 } from './testing/venueFixtures.spec.helper';
import type { VenueTick } from './venueTick';

const tick = (symbol: string, s: number, price: number): VenueTick => ({
  type: 'Tick',
  symbol,
  ts: T0 + s * 1000,
  price,
  bid: price - 0.5,
  ask: price + 0.5,
});

/** Two recordings, as two files would give them: each in its own time order, interleaved in time. */
const BTC = [100, 101, 99, 98, 102].map((p, i) => tick('BTCUSDT', i * 2, p));
const ETH = [20, 21, 18, 17, 22].map((p, i) => tick('ETH/USDT', i * 2 + 1, p));

describe('a venue serving several markets on one account', () => {
  let venue: Venue;
  let ex: CcxtProBinance;

  beforeEach(async () => {
    venue = await startVenue({
      ticks: [...BTC, ...ETH],
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000 },
    });
    ex = pointCcxtAtVenue(
      new ccxt.pro.binance({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
    );
  });

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  it('serves every symbol of the ticks, plays them in one time order and trades both from one balance', async () => {
    expect(venue.symbols).toEqual(['BTC/USDT', 'ETH/USDT']);
    const markets = await ex.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);

    const trades = ex.watchTrades('ETH/USDT');
    await eventually(async () =>
      (await controlGet<{ streams: string[] }>(venue.url, '/control/state')).streams.includes(
        'ethusdt@trade',
      ),
    );
    venue.advance(1); // ETH at 20, one second after BTC's first tick
    const [print] = await trades;
    expect(print).toEqual(expect.objectContaining({ symbol: 'ETH/USDT', price: 20 }));

    const btc = await ex.createOrder('BTC/USDT', 'market', 'buy', 5, undefined, {
      clientOrderId: 'btc-buy',
    });
    // At the tick's trade price, as the fill model fills a taker.
    expect(btc).toEqual(expect.objectContaining({ status: 'closed', average: 100 }));
    const eth = await ex.createOrder('ETH/USDT', 'limit', 'buy', 10, 19, {
      clientOrderId: 'eth-bid',
    });
    expect(eth.status).toBe('open');
    // 1000 − 500 spent on BTC; 190 locked by the ETH bid: what is left cannot buy 5 more BTC.
    await expect(ex.createOrder('BTC/USDT', 'market', 'buy', 5)).rejects.toThrow(
      ccxt.InsufficientFunds,
    );
    expect((await ex.fetchOpenOrders()).map((o) => o.symbol)).toEqual(['ETH/USDT']);

    venue.advance(4); // BTC 101, ETH 21, BTC 99, ETH 18: the ETH bid fills at its limit; BTC's ticks do not touch it
    const filled = await ex.fetchOrder(eth.id as string, 'ETH/USDT');
    expect(filled).toEqual(expect.objectContaining({ status: 'closed', price: 19 }));
    const balance = await ex.fetchBalance();
    // The default fees, 10 bps of each buy withheld from the coin bought.
    expect(balance['BTC']?.total).toBe(4.995);
    expect(balance['ETH']?.total).toBe(9.99);
    expect(balance['USDT']?.total).toBeCloseTo(1000 - 500 - 190, 8);
    expect(await ex.fetchTicker('BTC/USDT')).toEqual(expect.objectContaining({ last: 99 }));
    // The ETH bid's own fill at 19 is printed after the tick of 18 that filled it, as Binance does.
    expect(await ex.fetchTicker('ETH/USDT')).toEqual(expect.objectContaining({ last: 19 }));

    const account = await controlGet<{ positions: unknown[] }>(venue.url, '/control/account');
    expect(account.positions).toEqual([
      { symbol: 'BTC/USDT', quantity: 4.995 },
      { symbol: 'ETH/USDT', quantity: 9.99 },
    ]);
    // Order ids are the venue's, not a market's: the second market's first order is 2.
    expect([btc.id, eth.id]).toEqual(['1', '2']);
  });

  it('refuses a symbol it does not serve, and a market without ticks', async () => {
    await expect(ex.publicGetTicker24hr({ symbol: 'XRPUSDT' })).rejects.toThrow(ccxt.BadSymbol);
    const noTicks = checkVenueOptions({ ticks: BTC, symbols: ['BTC/USDT', 'SOL/USDT'] });
    expect(noTicks).toEqual(
      expect.objectContaining({
        left: expect.objectContaining({
          code: 'NO_TICKS',
          message: expect.stringContaining('no ticks for SOL/USDT'),
        }),
      }),
    );
    const twice = checkVenueOptions({ ticks: BTC, symbols: ['BTC/USDT', 'BTC/USDT'] });
    expect(twice).toEqual(
      expect.objectContaining({ left: expect.objectContaining({ code: 'INVALID_OPTIONS' }) }),
    );
  });
});
