import { DEFAULT_FEE_SCHEDULE } from '@smart-orders/core';
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

/**
 * The venue charges the fill model's fees (10 / 10 bps in the received asset, Binance spot
 * without BNB) and ccxt's own parsers read them from each place Binance puts them.
 */
describe('fees on the venue, read by ccxt.pro.binance', () => {
  let venue: Venue;
  let ex: CcxtProBinance;

  beforeEach(async () => {
    venue = await startVenue({
      ticks: ticks([100, 101, 102]),
      symbol: SYMBOL,
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000, BTC: 0 },
      fees: DEFAULT_FEE_SCHEDULE,
      printOwnFills: true,
    });
    ex = pointCcxtAtVenue(
      new ccxt.pro.binance({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
    );
    await ex.loadMarkets();
  });

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  it('a market buy pays its fee in BTC: in the create answer, the execution report (n / N), myTrades and the balance', async () => {
    const reported = ex.watchOrders(SYMBOL);
    await eventually(
      async () =>
        (await controlGet<{ userData: number }>(venue.url, '/control/state')).userData > 0,
    );
    const bought = await ex.createOrder(SYMBOL, 'market', 'buy', 1);
    // Bought at the ask, 100.5: 10 bps of 1 BTC.
    expect(bought.fee).toEqual(expect.objectContaining({ cost: 0.001, currency: 'BTC' }));
    const streamed = (await reported).find((o) => o.id === bought.id);
    expect(streamed?.fee).toEqual(expect.objectContaining({ cost: 0.001, currency: 'BTC' }));
    const [trade] = await ex.fetchMyTrades(SYMBOL);
    expect(trade?.fee).toEqual(expect.objectContaining({ cost: 0.001, currency: 'BTC' }));
    const balance = await ex.fetchBalance();
    expect(balance['BTC']?.free).toBe(0.999);
    expect(balance['USDT']?.free).toBe(899.5);
    // The whole lot bought is more than is held after the fee: Binance's -2010.
    await expect(ex.createOrder(SYMBOL, 'market', 'sell', 1)).rejects.toBeInstanceOf(
      ccxt.InsufficientFunds,
    );
    const sold = await ex.createOrder(SYMBOL, 'market', 'sell', 0.999);
    // Sold at the bid, 99.5: 10 bps of 99.4005 USDT.
    expect(sold.fee).toEqual(expect.objectContaining({ cost: 0.0994005, currency: 'USDT' }));
  });

  it("prints the venue's own fills on the public trade stream, as Binance does", async () => {
    const printed = ex.watchTrades(SYMBOL);
    await eventually(async () =>
      (await controlGet<{ streams: string[] }>(venue.url, '/control/state')).streams.includes(
        'btcusdt@trade',
      ),
    );
    await ex.createOrder(SYMBOL, 'market', 'buy', 0.5);
    expect((await printed)[0]).toEqual(
      expect.objectContaining({ symbol: SYMBOL, price: 100.5, amount: 0.5 }),
    );
  });
});
