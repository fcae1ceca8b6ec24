import { createHmac } from 'node:crypto';
import { startVenue, type Venue } from './startVenue';
import {
  API_KEY,
  controlGet,
  controlPost,
  SECRET,
  SYMBOL,
  T0,
  ticks,
} from './testing/venueFixtures.spec.helper';

const signedOrder = (venue: Venue, fields: Record<string, string>) => {
  const body = new URLSearchParams({
    symbol: 'BTCUSDT',
    timestamp: String(Date.now()),
    ...fields,
  }).toString();
  const signature = createHmac('sha256', SECRET).update(body).digest('hex');
  return fetch(`${venue.url}/api/v3/order`, {
    method: 'POST',
    headers: { 'X-MBX-APIKEY': API_KEY, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `${body}&signature=${signature}`,
  });
};

describe('venue control API', () => {
  let venue: Venue;

  beforeEach(async () => {
    venue = await startVenue({
      ticks: ticks([100, 101, 102]),
      symbol: SYMBOL,
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 500, BTC: 2 },
    });
  });

  afterEach(() => venue.close());

  it('lists every order request in arrival order with its client order id, and no credentials', async () => {
    await signedOrder(venue, {
      side: 'BUY',
      type: 'MARKET',
      quantity: '1',
      newClientOrderId: 'soe0r0a',
    });
    venue.advance(1);
    await signedOrder(venue, {
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '1',
      price: '110',
      newClientOrderId: 'sot1r0b',
    });
    await signedOrder(venue, {
      side: 'BUY',
      type: 'MARKET',
      quantity: '9',
      newClientOrderId: 'soe0r0c',
    });
    const text = await (await fetch(`${venue.url}/control/orders`)).text();
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('signature');
    expect(JSON.parse(text)).toEqual([
      expect.objectContaining({
        seq: 1,
        receivedAt: T0,
        clientOrderId: 'soe0r0a',
        side: 'BUY',
        type: 'MARKET',
        accepted: true,
        orderId: 1,
        answered: true,
        order: { status: 'FILLED', executedQty: 1, cumulativeQuoteQty: 100 },
      }),
      expect.objectContaining({
        seq: 2,
        receivedAt: T0 + 1000,
        clientOrderId: 'sot1r0b',
        price: '110',
        accepted: true,
        order: expect.objectContaining({ status: 'NEW' }),
      }),
      expect.objectContaining({
        seq: 3,
        clientOrderId: 'soe0r0c',
        accepted: false,
        orderId: null,
        order: null,
        error: { code: -2010, msg: 'Account has insufficient balance for requested action.' },
      }),
    ]);
  });

  it('shows balances, the base asset as the spot position, and working orders', async () => {
    await signedOrder(venue, {
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.5',
      price: '110',
      newClientOrderId: 'sot1r0w',
    });
    expect(await controlGet(venue.url, '/control/account')).toEqual({
      balances: [
        { asset: 'BTC', free: 1.5, locked: 0.5, total: 2 },
        { asset: 'USDT', free: 500, locked: 0, total: 500 },
      ],
      positions: [{ symbol: SYMBOL, quantity: 2 }],
      workingOrders: [
        expect.objectContaining({
          clientOrderId: 'sot1r0w',
          side: 'SELL',
          price: '110.00000000',
          status: 'NEW',
        }),
      ],
    });
  });

  it('advances the recording in step mode and reports where it stands', async () => {
    expect(await controlPost(venue.url, '/control/advance', { ticks: 5 })).toEqual({
      status: 200,
      body: { played: 2, remaining: 0, now: T0 + 2000 },
    });
    expect((await controlPost(venue.url, '/control/advance', { ticks: 0 })).status).toBe(400);
  });

  it('takes faults at run time and refuses malformed ones with the reason', async () => {
    const added = await controlPost(venue.url, '/control/faults', [
      { at: T0, dropExecutionReports: 2 },
    ]);
    expect(added).toEqual({
      status: 200,
      body: [{ fault: { at: T0, dropExecutionReports: 2 }, remaining: 2 }],
    });
    const refused = await controlPost(venue.url, '/control/faults', {
      at: T0,
      dropExecutionReports: 'many',
    });
    expect(refused).toEqual({
      status: 400,
      body: {
        code: 'INVALID_FAULT',
        message: 'fault: \'dropExecutionReports\' must be a positive integer; got "many"',
      },
    });
    expect((await fetch(`${venue.url}/control/nothing`)).status).toBe(404);
  });
});

describe('startVenue', () => {
  it('refuses options it cannot serve, saying why', async () => {
    await expect(startVenue({ ticks: ticks([100]), symbol: 'ETH/USDT' })).rejects.toEqual(
      expect.objectContaining({
        code: 'NO_TICKS',
        message: 'no ticks for ETH/USDT among 1 ticks (symbols seen: BTC/USDT)',
      }),
    );
    await expect(startVenue({ ticks: ticks([100]), symbol: SYMBOL, speed: 0 })).rejects.toThrow(
      'speed must be a positive number; got 0',
    );
  });
});
