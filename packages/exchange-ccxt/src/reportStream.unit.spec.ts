import { filter, firstValueFrom, take, toArray } from 'rxjs';
import type { Order } from 'ccxt';
import { ccxt } from './ccxtModule';
import type { ConnectionEvent } from './connectionEvent';
import { testVenue } from './testing/testVenue';

const cid = 'sot1r0k3j9x2ab7qfe41mz';
// GET /api/v3/order answers with `time` and `updateTime`; a create answers with `transactTime`.
const rest = (status: string, executedQty: string, quote: string) => ({
  symbol: 'BTCUSDT',
  orderId: 28,
  clientOrderId: cid,
  time: 1_700_000_000_100,
  updateTime: 1_700_000_000_900,
  price: '50000.00',
  origQty: '0.01000',
  executedQty,
  cummulativeQuoteQty: quote,
  status,
  timeInForce: 'GTC',
  type: 'LIMIT',
  side: 'BUY',
});
const streamed = {
  id: '28',
  clientOrderId: cid,
  symbol: 'BTC/USDT',
  status: 'open',
  amount: 0.01,
  filled: 0.004,
  cost: 200,
  lastTradeTimestamp: 1_700_000_000_500,
  info: {},
} as unknown as Order;

describe('execution reports from the order stream', () => {
  it('reports fills from the stream, and after a disconnect reconciles over REST what it missed', async () => {
    let call = 0;
    const watchOrders = async (): Promise<Order[]> => {
      call += 1;
      if (call === 1) return [streamed];
      if (call === 2) throw new ccxt.NetworkError('binance connection closed');
      return new Promise<Order[]>(() => undefined);
    };
    const { exchange } = testVenue(
      'binance',
      [
        {
          method: 'POST',
          path: '/api/v3/order',
          answers: [{ body: rest('NEW', '0.00000', '0.00') }],
        },
        {
          method: 'GET',
          path: '/api/v3/order',
          // The subscription's reading, its second reading once surely live, then the reconnect's.
          answers: [
            { body: rest('NEW', '0.00000', '0.00') },
            { body: rest('NEW', '0.00000', '0.00') },
            { body: rest('FILLED', '0.01000', '501.20') },
          ],
        },
        {
          method: 'GET',
          path: '/api/v3/account',
          answers: [
            {
              body: {
                balances: [
                  { asset: 'BTC', free: '0.01', locked: '0' },
                  { asset: 'USDT', free: '99.5', locked: '0' },
                ],
              },
            },
          ],
        },
        { path: /.*/, answers: [{ body: [] }] },
      ],
      { ccxtOptions: { watchOrders } },
    );
    const events: ConnectionEvent[] = [];
    exchange.connection$.subscribe((e) => events.push(e));
    const reconciled = firstValueFrom(
      exchange.connection$.pipe(filter((e) => e.type === 'RECONCILED' && e.reconnect)),
    );
    const trades = firstValueFrom(
      exchange.reports$.pipe(
        filter((r) => r.execType === 'TRADE'),
        take(2),
        toArray(),
      ),
    );
    await exchange.place({
      clientOrderId: cid,
      orderId: 'o-1',
      symbol: 'BTC/USDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: 0.01,
      price: 50000,
      reduceOnly: false,
      ts: 1,
    });

    expect(await trades).toEqual([
      {
        clientOrderId: cid,
        symbol: 'BTC/USDT',
        ts: 1_700_000_000_500,
        exchangeOrderId: '28',
        execType: 'TRADE',
        lastPrice: 50000,
        lastQuantity: 0.004,
        cumulativeQuantity: 0.004,
      },
      {
        clientOrderId: cid,
        symbol: 'BTC/USDT',
        ts: 1_700_000_000_900,
        exchangeOrderId: '28',
        execType: 'TRADE',
        lastPrice: 50200,
        lastQuantity: 0.006,
        cumulativeQuantity: 0.01,
      },
    ]);
    await reconciled;
    await exchange.close();
    expect(
      events.map((e) => (e.type === 'RECONCILED' ? `RECONCILED reconnect=${e.reconnect}` : e.type)),
    ).toEqual(['RECONCILED reconnect=false', 'STREAM_FAILED', 'RECONCILED reconnect=true']);
    expect(events[2]).toEqual(
      expect.objectContaining({
        balances: [
          { asset: 'BTC', free: 0.01, used: 0 },
          { asset: 'USDT', free: 99.5, used: 0 },
        ],
        openOrders: [],
      }),
    );
  });

  it('watches nothing while nobody listens', async () => {
    let calls = 0;
    const { exchange } = testVenue(
      'binance',
      [
        {
          method: 'POST',
          path: '/api/v3/order',
          answers: [{ body: rest('NEW', '0.00000', '0.00') }],
        },
      ],
      {
        ccxtOptions: {
          watchOrders: async () => ((calls += 1), new Promise<Order[]>(() => undefined)),
        },
      },
    );
    await exchange.place({
      clientOrderId: cid,
      orderId: 'o-1',
      symbol: 'BTC/USDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: 0.01,
      price: 50000,
      reduceOnly: false,
      ts: 1,
    });
    expect(calls).toBe(0);
    const subscription = exchange.reports$.subscribe();
    expect(calls).toBe(1);
    subscription.unsubscribe();
    await exchange.close();
  });

  it("listens to a symbol's orders from the preflight on, so that no order is sent on it before its stream is asked for", async () => {
    // A market entry fills on the next prints; the stream opened only once its create was
    // answered missed those parts, which reached the engine seconds later through lookups, after
    // a take-profit had triggered on the first part alone (the hedge-mode drill, on the venue).
    const seen: string[] = [];
    const { exchange, http } = testVenue(
      'binance',
      [
        {
          method: 'POST',
          path: '/api/v3/order',
          answers: [{ body: rest('NEW', '0.00000', '0.00') }],
        },
        { path: /.*/, answers: [{ body: [] }] },
      ],
      {
        ccxtOptions: {
          watchOrders: async (symbol?: string) => {
            seen.push(`watch ${symbol} after ${http.requests.length} requests`);
            return new Promise<Order[]>(() => undefined);
          },
        },
      },
    );
    await exchange.preflight(['BTC/USDT', 'ETH/USDT'], 1_000);
    expect(seen).toEqual([]);
    const subscription = exchange.reports$.subscribe();
    expect(seen.sort()).toEqual([
      `watch BTC/USDT after ${http.requests.length} requests`,
      `watch ETH/USDT after ${http.requests.length} requests`,
    ]);
    subscription.unsubscribe();
    await exchange.close();
  });

  it("asks for a symbol's order stream before sending its first order", async () => {
    const seen: string[] = [];
    const { exchange, http } = testVenue(
      'binance',
      [
        {
          method: 'POST',
          path: '/api/v3/order',
          answers: [{ body: rest('NEW', '0.00000', '0.00') }],
        },
        { path: /.*/, answers: [{ body: [] }] },
      ],
      {
        ccxtOptions: {
          watchOrders: async (symbol?: string) => {
            seen.push(
              `watch ${symbol}, ${http.requests.filter((r) => r.method === 'POST').length} sent`,
            );
            return new Promise<Order[]>(() => undefined);
          },
        },
      },
    );
    const subscription = exchange.reports$.subscribe();
    await exchange.place({
      clientOrderId: cid,
      orderId: 'o-1',
      symbol: 'BTC/USDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: 0.01,
      price: 50000,
      reduceOnly: false,
      ts: 1,
    });
    expect(seen[0]).toBe('watch BTC/USDT, 0 sent');
    subscription.unsubscribe();
    await exchange.close();
  });
});
