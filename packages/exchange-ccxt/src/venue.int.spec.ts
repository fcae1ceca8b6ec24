import {
  pointCcxtAtVenue,
  startVenue,
  type CcxtExchangeLike,
  type Venue,
  type VenueTick,
} from '@smart-orders/venue';
import type { ExchangeReport } from '@smart-orders/engine';
import { getCcxtExchange, type CcxtExchange } from './getCcxtExchange';

// Real sockets on a shared machine: generous, though a run takes about two seconds.
jest.setTimeout(30_000);

const T0 = 1_700_000_000_000;
const API_KEY = 'venue-int-key';
const SECRET = 'venue-int-secret';
const ticks = (prices: readonly number[]): VenueTick[] =>
  prices.map((price, i) => ({
    type: 'Tick',
    symbol: 'BTC/USDT',
    ts: T0 + i * 1000,
    price,
    bid: price - 0.5,
    ask: price + 0.5,
  }));

const eventually = async (check: () => boolean, ms = 5000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the ccxt adapter against the local Binance venue', () => {
  let venue: Venue;
  let exchange: CcxtExchange;
  const reports: ExchangeReport[] = [];

  beforeEach(async () => {
    reports.length = 0;
    venue = await startVenue({
      ticks: ticks([100, 101, 102, 99, 98]),
      symbol: 'BTC/USDT',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000, BTC: 0 },
    });
    const made = getCcxtExchange({
      exchangeId: 'binance',
      credentials: { apiKey: API_KEY, secret: SECRET },
      configure: (ex) => void pointCcxtAtVenue(ex as unknown as CcxtExchangeLike, venue.url),
      timing: { createDeadlineMs: 500, settleMarginMs: 100 },
    });
    if (made._tag === 'Left') throw new Error(made.left.message);
    exchange = made.right;
    exchange.reports$.subscribe((r) => reports.push(r));
  });

  afterEach(async () => {
    await exchange.close();
    await venue.close();
  });

  it('places, reads the fill from watchOrders, looks up by client order id and cancels', async () => {
    const entry = 'soe0r0k3j9x2ab7qfe41mz';
    const placed = await exchange.place({
      clientOrderId: entry,
      orderId: 'o-1',
      symbol: 'BTC/USDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: 0.1,
      price: 99.5,
      reduceOnly: false,
      ts: T0,
    });
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: entry,
        status: 'OPEN',
        quantity: 0.1,
        price: 99.5,
      }),
    });

    const found = await exchange.lookup(entry, 'BTC/USDT');
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ clientOrderId: entry, status: 'OPEN' }),
    });

    venue.advance(3);
    await eventually(() =>
      reports.some(
        (r) => r.clientOrderId === entry && r.execType === 'TRADE' && r.cumulativeQuantity === 0.1,
      ),
    );
    const fill = reports.find((r) => r.clientOrderId === entry && r.execType === 'TRADE');
    expect(fill).toEqual(
      expect.objectContaining({ symbol: 'BTC/USDT', lastQuantity: 0.1, cumulativeQuantity: 0.1 }),
    );
    expect(fill?.ts).toBeGreaterThanOrEqual(T0);

    const resting = 'soe0r1k3j9x2ab7qfe41mz';
    await exchange.place({
      clientOrderId: resting,
      orderId: 'o-2',
      symbol: 'BTC/USDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: 0.1,
      price: 90,
      reduceOnly: false,
      ts: T0,
    });
    const cancelled = await exchange.cancel(resting, 'BTC/USDT');
    expect(cancelled).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: resting,
        status: 'CANCELED',
        filledQuantity: 0,
      }),
    });

    // The venue's default fee, 10 bps of the 0.1 BTC bought, was withheld in BTC: the exit
    // sells the 0.0999 held (0.1 would be Binance's -2010).
    expect(fill?.fee).toEqual({ amount: 0.0001, asset: 'BTC' });
    const exit = 'sof0r0k3j9x2ab7qfe41mz';
    const sold = await exchange.place({
      clientOrderId: exit,
      orderId: 'o-1',
      symbol: 'BTC/USDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: 0.0999,
      reduceOnly: true,
      triggerPrice: 99,
      ts: T0,
    });
    expect(sold).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: exit,
        status: 'FILLED',
        filledQuantity: 0.0999,
      }),
    });
  });

  it('answers null for an id the venue never saw', async () => {
    expect(await exchange.lookup('sot9r0k3j9x2ab7qfe41mz', 'BTC/USDT')).toEqual({
      _tag: 'Right',
      right: null,
    });
  });
});
