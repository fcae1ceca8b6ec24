import type { OrderRequest } from '@smart-orders/engine';
import { startVenue, type Venue, type VenueTick } from '@smart-orders/venue';
import { getCcxtExchange } from './getCcxtExchange';

jest.setTimeout(30_000);

const T0 = 1_700_000_000_000;
const API_KEY = 'limits-key';
const SECRET = 'limits-secret';
const ticks: VenueTick[] = Array.from({ length: 10 }, (_, i) => ({
  type: 'Tick',
  symbol: 'BTC/USDT',
  ts: T0 + i * 1000,
  price: 100,
  bid: 99.5,
  ask: 100.5,
}));

const order = (clientOrderId: string): OrderRequest => ({
  clientOrderId,
  orderId: clientOrderId,
  symbol: 'BTC/USDT',
  side: 'BUY',
  type: 'LIMIT',
  quantity: 0.1,
  price: 90,
  reduceOnly: false,
  ts: T0,
});

interface LoggedOrder {
  readonly clientOrderId: string | null;
  readonly accepted: boolean;
}

/**
 * The adapter's bybit (as `run --exchange bybit --url` makes it) meeting Bybit's per-endpoint
 * limit: a create answered 10006 placed nothing, and the adapter, which reads it as rate-limited,
 * looks the orderLinkId up and sends it again once proven absent: every order lands, once.
 */
describe('the ccxt adapter on the Bybit dialect, past its order limit', () => {
  let venue: Venue;

  afterEach(async () => {
    await venue.close();
  });

  it('places every order of a burst the venue answered 10006, each orderLinkId taken once', async () => {
    venue = await startVenue({
      ticks,
      symbol: 'BTC/USDT',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 10_000, BTC: 0 },
      dialect: 'bybit',
      // One create a second: the burst below meets it at once.
      bybitRateLimits: { perSecond: { 'POST /v5/order/create': 1 } },
    });
    const made = getCcxtExchange({
      exchangeId: 'bybit',
      credentials: { apiKey: API_KEY, secret: SECRET },
      url: venue.url,
      timing: { createDeadlineMs: 500, settleMarginMs: 100 },
    });
    if (made._tag === 'Left') throw new Error(made.left.message);
    const exchange = made.right;
    try {
      const ids = ['soe0r1limitA0000000000', 'soe0r1limitB0000000000', 'soe0r1limitC0000000000'];
      const placed = await Promise.all(ids.map((id) => exchange.place(order(id))));
      for (const [i, p] of placed.entries())
        expect(p).toEqual({
          _tag: 'Right',
          right: expect.objectContaining({ clientOrderId: ids[i], status: 'OPEN' }),
        });
      const state = (await (await fetch(`${venue.url}/control/state`)).json()) as {
        requestLimits: { refused10006: number };
      };
      // The venue did refuse creates: the orders above landed on later sends.
      expect(state.requestLimits.refused10006).toBeGreaterThan(0);
      const log = (await (await fetch(`${venue.url}/control/orders`)).json()) as LoggedOrder[];
      const accepted = log.filter((o) => o.accepted).map((o) => o.clientOrderId);
      expect(accepted.sort()).toEqual([...ids].sort());
      const account = (await (await fetch(`${venue.url}/control/account`)).json()) as {
        workingOrders: unknown[];
      };
      expect(account.workingOrders).toHaveLength(3);
    } finally {
      await exchange.close();
    }
  });
});
