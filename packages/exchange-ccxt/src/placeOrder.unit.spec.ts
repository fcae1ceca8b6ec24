import { bodyOf, connectionReset, timeout, type Route } from './testing/fakeHttp';
import { testVenue } from './testing/testVenue';

const cid = 'sot1r0k3j9x2ab7qfe41mz';
const request = {
  clientOrderId: cid,
  orderId: 'o-1',
  symbol: 'BTC/USDT',
  side: 'BUY' as const,
  type: 'LIMIT' as const,
  quantity: 0.01,
  price: 50000,
  reduceOnly: false,
  ts: 1_700_000_000_000,
};
const order = (status: string) => ({
  symbol: 'BTCUSDT',
  orderId: 28,
  clientOrderId: cid,
  transactTime: 1_700_000_000_100,
  price: '50000.00',
  origQty: '0.01000',
  executedQty: '0.00000',
  cummulativeQuoteQty: '0.00',
  status,
  timeInForce: 'GTC',
  type: 'LIMIT',
  side: 'BUY',
  updateTime: 1_700_000_000_100,
});
const creates = (...answers: Route['answers']): Route => ({
  method: 'POST',
  path: '/api/v3/order',
  answers,
});
const lookups = (...answers: Route['answers']): Route => ({
  method: 'GET',
  path: '/api/v3/order',
  answers,
});
const orderNotFound = { status: 400, body: { code: -2013, msg: 'Order does not exist.' } };

describe('placing an order whose outcome is unknown', () => {
  it('adopts the order a timed-out create did place, and sends nothing again', async () => {
    const { http, exchange } = testVenue('binance', [
      creates(timeout()),
      lookups({ body: order('NEW') }),
    ]);
    const placed = await exchange.place(request);
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ clientOrderId: cid, exchangeOrderId: '28', status: 'OPEN' }),
    });
    expect(http.to('POST', '/api/v3/order')).toHaveLength(1);
    expect(
      http.to('GET', '/api/v3/order').map((r) => r.url.searchParams.get('origClientOrderId')),
    ).toEqual([cid]);
  });

  it('sends again exactly once, with the same client order id, when the order is proven absent', async () => {
    const { http, exchange } = testVenue('binance', [
      creates(connectionReset(), { body: order('NEW') }),
      lookups(orderNotFound),
    ]);
    const placed = await exchange.place(request);
    expect(placed).toEqual({ _tag: 'Right', right: expect.objectContaining({ status: 'OPEN' }) });
    const sent = http.to('POST', '/api/v3/order').map((r) => bodyOf(r)['newClientOrderId']);
    expect(sent).toEqual([cid, cid]);
  });

  it('proves absence only with a lookup made after the create deadline', async () => {
    let clock = 1_000_000;
    const lookedAt: number[] = [];
    const { http, exchange } = testVenue(
      'binance',
      [
        creates(timeout(), { body: order('NEW') }),
        lookups(() => (lookedAt.push(clock), orderNotFound)),
      ],
      {
        now: () => clock,
        sleep: async (ms) => void (clock += ms),
        timing: {
          createDeadlineMs: 5_000,
          settleMarginMs: 2_000,
          backoffMs: [500, 1_000, 2_000],
          giveUpAfterMs: 30_000,
        },
      },
    );
    await exchange.place(request);
    expect(http.to('POST', '/api/v3/order')).toHaveLength(2);
    // Lookups back off until the deadline (signed at 1 000 000, + 5 s deadline + 2 s margin);
    // only the first one at or after it let the order go out again.
    expect(lookedAt.slice(0, -1).every((t) => t < 1_007_000)).toBe(true);
    expect(lookedAt.at(-1)).toBe(1_007_000);
  });

  it('adopts the order when binance rejects the id as a duplicate (it landed)', async () => {
    const { http, exchange } = testVenue('binance', [
      creates({ status: 400, body: { code: -2010, msg: 'Duplicate order sent.' } }),
      lookups({ body: order('NEW') }),
    ]);
    expect(await exchange.place(request)).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ exchangeOrderId: '28' }),
    });
    expect(http.to('POST', '/api/v3/order')).toHaveLength(1);
  });

  it('never sends again after a duplicate-id rejection, even when the lookup cannot see the order yet', async () => {
    const { http, exchange } = testVenue('binance', [
      creates({ status: 400, body: { code: -2010, msg: 'Duplicate order sent.' } }),
      lookups(orderNotFound),
    ]);
    expect(await exchange.place(request)).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({ code: 'NETWORK' }),
    });
    expect(http.to('POST', '/api/v3/order')).toHaveLength(1);
  });

  it('treats "execution status unknown" (-1007) like a timeout', async () => {
    const { http, exchange } = testVenue('binance', [
      creates({
        status: 500,
        body: {
          code: -1007,
          msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.',
        },
      }),
      lookups({ body: order('NEW') }),
    ]);
    expect(await exchange.place(request)).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ exchangeOrderId: '28' }),
    });
    expect(http.to('POST', '/api/v3/order')).toHaveLength(1);
  });

  it('gives up with NETWORK, without sending again, when every lookup fails', async () => {
    const { http, exchange } = testVenue('binance', [creates(timeout()), lookups(timeout())]);
    expect(await exchange.place(request)).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({ code: 'NETWORK' }),
    });
    expect(http.to('POST', '/api/v3/order')).toHaveLength(1);
  });

  it('does not let ccxt retry an order request, whatever its options say', async () => {
    const { http, exchange } = testVenue(
      'binance',
      [creates(connectionReset()), lookups(timeout())],
      {
        ccxtOptions: { options: { maxRetriesOnFailure: 5, order: { maxRetriesOnFailure: 5 } } },
      },
    );
    await exchange.place(request);
    expect(http.to('POST', '/api/v3/order')).toHaveLength(1);
  });
});

describe('placing an order the venue refuses', () => {
  it('returns REJECTED for an invalid order and neither retries nor looks it up', async () => {
    const { http, exchange } = testVenue('binance', [
      creates({ status: 400, body: { code: -1013, msg: 'Filter failure: PERCENT_PRICE_BY_SIDE' } }),
    ]);
    expect(await exchange.place(request)).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({ code: 'REJECTED' }),
    });
    expect(http.requests).toHaveLength(1);
  });

  it('returns REJECTED for insufficient funds, once, saying so typed (the engine holds such an exit)', async () => {
    const { http, exchange } = testVenue('binance', [
      creates({
        status: 400,
        body: { code: -2010, msg: 'Account has insufficient balance for requested action.' },
      }),
    ]);
    expect(await exchange.place(request)).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({ code: 'REJECTED', refusal: 'INSUFFICIENT_BALANCE' }),
    });
    expect(http.requests).toHaveLength(1);
  });

  it('returns AUTHENTICATION for a bad key, once', async () => {
    const { http, exchange } = testVenue('binance', [
      creates({
        status: 401,
        body: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
      }),
    ]);
    expect(await exchange.place(request)).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({ code: 'AUTHENTICATION' }),
    });
    expect(http.requests).toHaveLength(1);
  });

  it('refuses an order below the minimum notional before sending anything', async () => {
    const { http, exchange } = testVenue('binance', []);
    const refused = await exchange.place({ ...request, quantity: 0.0001, price: 40000 });
    expect(refused).toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: expect.stringContaining('MIN_NOTIONAL') },
    });
    expect(refused._tag === 'Left' && refused.left.message).toContain(
      'below the minimum order value 5 USDT',
    );
    expect(http.requests).toHaveLength(0);
  });

  it('refuses an amount that rounds down to nothing at the step, before sending anything', async () => {
    const { http, exchange } = testVenue('binance', []);
    const refused = await exchange.place({
      ...request,
      symbol: 'BTC/USDT:USDT',
      side: 'SELL',
      type: 'MARKET',
      price: undefined,
      quantity: 0.0009,
      reduceOnly: true,
      triggerPrice: 50000,
    });
    expect(refused).toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: expect.stringContaining('MIN_AMOUNT') },
    });
    expect(http.requests).toHaveLength(0);
  });

  it('refuses a client order id the venue cannot carry, naming what it takes', async () => {
    const { http, exchange } = testVenue('okx', []);
    const refused = await exchange.place({ ...request, clientOrderId: 'has-hyphens' });
    expect(refused).toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: expect.stringContaining('1 to 32 letters and digits') },
    });
    expect(http.requests).toHaveLength(0);
  });
});
