import { DEFAULT_FEE_SCHEDULE } from '@smart-orders/core';
import * as ccxt from 'ccxt';
import { pointCcxtAtVenue } from '../ccxtForVenue';
import { startVenue, type Venue } from '../startVenue';
import { API_KEY, SECRET, ticks } from '../testing/venueFixtures.spec.helper';

const PERP = 'BTC/USDT:USDT';

type Binanceusdm = InstanceType<(typeof ccxt)['pro']['binanceusdm']>;

describe('fees on the USDⓈ-M venue, read by ccxt.pro.binanceusdm', () => {
  let venue: Venue;
  let ex: Binanceusdm;

  beforeEach(async () => {
    venue = await startVenue({
      ticks: ticks([100, 100, 101]),
      marketType: 'usdm',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000 },
      fees: DEFAULT_FEE_SCHEDULE,
    });
    ex = pointCcxtAtVenue(
      new ccxt.pro.binanceusdm({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
      'usdm',
    );
    await ex.loadMarkets();
  });

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  it('charges every fill in the settlement asset, even a buy: in the order update (n / N), userTrades and the wallet', async () => {
    const updates = ex.watchOrders(PERP);
    // ccxt subscribes the user-data stream before it resolves the first watch.
    await new Promise((r) => setTimeout(r, 300));
    const bought = await ex.createOrder(PERP, 'market', 'buy', 1, undefined, {
      clientOrderId: 'long',
    });
    const streamed = (await updates).find((o) => o.clientOrderId === 'long');
    // Bought at the ask, 100.5: 10 bps of 100.5 USDT.
    expect(streamed?.fee).toEqual(expect.objectContaining({ cost: 0.1005, currency: 'USDT' }));
    const [trade] = await ex.fetchMyTrades(PERP);
    expect(trade).toEqual(
      expect.objectContaining({
        order: bought.id,
        fee: expect.objectContaining({ cost: 0.1005, currency: 'USDT' }),
      }),
    );
    await ex.createOrder(PERP, 'market', 'sell', 1, undefined, { reduceOnly: true });
    // Closed at the bid, 99.5: a loss of 1 and fees of 0.1005 + 0.0995.
    const balance = await ex.fetchBalance();
    expect(balance['USDT']?.total).toBeCloseTo(1000 - 1 - 0.2, 9);
  });
});
