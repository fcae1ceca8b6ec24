import { DEFAULT_FEE_SCHEDULE } from '@smart-orders/core';
import * as ccxt from 'ccxt';
import { startVenue, type Venue } from '../startVenue';
import {
  API_KEY,
  controlGet,
  eventually,
  SECRET,
  SYMBOL,
  ticks,
} from '../testing/venueFixtures.spec.helper';
import { pointCcxtBybitAtVenue, type CcxtProBybit } from './ccxtBybitForVenue';

// ccxt loads every market category and the coins before its first call: a dozen requests, which
// take seconds on a loaded machine.
jest.setTimeout(30_000);

/**
 * The real `ccxt.pro.bybit`, with its default options, trading spot on `--dialect bybit`: what it
 * asks on its own (every market category, coin info, the key's account type) and what a client
 * trades with (orderLinkId, amend, conditional orders, the public and private topics).
 */
describe('the bybit dialect, traded by ccxt.pro.bybit', () => {
  let venue: Venue;
  let ex: CcxtProBybit;

  const start = async (rows: Parameters<typeof ticks>[0], extra = {}) => {
    venue = await startVenue({
      ticks: ticks(rows),
      symbol: SYMBOL,
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000, BTC: 0 },
      fees: DEFAULT_FEE_SCHEDULE,
      dialect: 'bybit',
      ...extra,
    });
    ex = pointCcxtBybitAtVenue(
      new ccxt.pro.bybit({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
    );
  };

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  it('loads the spot markets with the filters, and the unified wallet', async () => {
    await start([100, 101]);
    const markets = await ex.loadMarkets();
    expect(Object.keys(markets)).toEqual([SYMBOL]);
    expect(markets[SYMBOL]).toEqual(
      expect.objectContaining({
        id: 'BTCUSDT',
        spot: true,
        precision: expect.objectContaining({ amount: 0.00001, price: 0.01 }),
        limits: expect.objectContaining({ cost: expect.objectContaining({ min: 5 }) }),
      }),
    );
    expect(await ex.isUnifiedEnabled()).toEqual([false, true]);
    const balance = await ex.fetchBalance();
    expect(balance['USDT']).toEqual(expect.objectContaining({ free: 1000, used: 0, total: 1000 }));
    expect(await ex.fetchTime()).toBeGreaterThan(0);
  });

  it('creates, finds, amends and cancels a limit order by its orderLinkId', async () => {
    await start([100, 101]);
    const created = await ex.createOrder(SYMBOL, 'limit', 'buy', 1, 90, {
      clientOrderId: 'link-1',
    });
    expect(created).toEqual(expect.objectContaining({ clientOrderId: 'link-1' }));
    const [open] = await ex.fetchOpenOrders(SYMBOL, undefined, undefined, {
      orderLinkId: 'link-1',
    });
    expect(open).toEqual(
      expect.objectContaining({
        id: created.id,
        clientOrderId: 'link-1',
        status: 'open',
        price: 90,
        amount: 1,
        side: 'buy',
        type: 'limit',
      }),
    );
    expect((await ex.fetchBalance())['USDT']).toEqual(
      expect.objectContaining({ free: 910, used: 90 }),
    );
    await ex.editOrder(created.id as string, SYMBOL, 'limit', 'buy', 2, 91, {
      orderLinkId: 'link-1',
    });
    const amended = await ex.fetchOpenOrder(created.id as string, SYMBOL);
    expect(amended).toEqual(expect.objectContaining({ id: created.id, price: 91, amount: 2 }));
    expect((await ex.fetchBalance())['USDT']).toEqual(
      expect.objectContaining({ free: 818, used: 182 }),
    );
    await ex.cancelOrder(undefined as unknown as string, SYMBOL, { orderLinkId: 'link-1' });
    const [closed] = await ex.fetchCanceledAndClosedOrders(SYMBOL, undefined, undefined, {
      orderLinkId: 'link-1',
    });
    expect(closed).toEqual(expect.objectContaining({ id: created.id, status: 'canceled' }));
    expect(await ex.fetchOpenOrders(SYMBOL)).toEqual([]);
    await expect(
      ex.cancelOrder(undefined as unknown as string, SYMBOL, { orderLinkId: 'link-1' }),
    ).rejects.toBeInstanceOf(ccxt.OrderNotFound);
    expect((await ex.fetchBalance())['USDT']).toEqual(expect.objectContaining({ free: 1000 }));
  });

  it("fills a market buy at the tick's trade price with its fee in BTC, and refuses what the balance cannot pay", async () => {
    await start([100, 101]);
    const bought = await ex.createOrder(SYMBOL, 'market', 'buy', 1, undefined, {
      clientOrderId: 'mkt-1',
    });
    const [filled] = await ex.fetchCanceledAndClosedOrders(SYMBOL, undefined, undefined, {
      orderLinkId: 'mkt-1',
    });
    expect(filled).toEqual(
      expect.objectContaining({
        id: bought.id,
        status: 'closed',
        filled: 1,
        // The fill model fills a taker at the tick's trade price (the ask only without one).
        average: 100,
        cost: 100,
      }),
    );
    const [trade] = await ex.fetchMyTrades(SYMBOL);
    expect(trade).toEqual(
      expect.objectContaining({
        order: bought.id,
        price: 100,
        amount: 1,
        takerOrMaker: 'taker',
        fee: expect.objectContaining({ cost: 0.001, currency: 'BTC' }),
      }),
    );
    const balance = await ex.fetchBalance();
    expect(balance['BTC']?.free).toBe(0.999);
    expect(balance['USDT']?.free).toBe(900);
    await expect(ex.createOrder(SYMBOL, 'market', 'sell', 1)).rejects.toBeInstanceOf(
      ccxt.InsufficientFunds,
    );
    await expect(
      ex.createOrder(SYMBOL, 'limit', 'buy', 1, 90, { clientOrderId: 'mkt-1' }),
    ).resolves.toEqual(expect.objectContaining({ clientOrderId: 'mkt-1' }));
    await expect(
      ex.createOrder(SYMBOL, 'limit', 'buy', 1, 90, { clientOrderId: 'mkt-1' }),
    ).rejects.toBeInstanceOf(ccxt.InvalidOrder);
  });

  it('a conditional stop waits off the book, is amended, and fires on the recording', async () => {
    await start([{ price: 100, bid: 99.5, ask: 100.5 }, 101, 97, 95, 94]);
    await ex.createOrder(SYMBOL, 'market', 'buy', 1);
    const stop = await ex.createOrder(SYMBOL, 'market', 'sell', 0.5, undefined, {
      triggerPrice: 98,
      clientOrderId: 'stop-1',
    });
    const [waiting] = await ex.fetchOpenOrders(SYMBOL, undefined, undefined, {
      orderLinkId: 'stop-1',
    });
    expect(waiting).toEqual(
      expect.objectContaining({ id: stop.id, status: 'open', triggerPrice: 98 }),
    );
    expect(waiting?.info).toEqual(
      expect.objectContaining({
        orderStatus: 'Untriggered',
        triggerDirection: 2,
        stopOrderType: 'Stop',
      }),
    );
    await ex.editOrder(stop.id as string, SYMBOL, 'market', 'sell', undefined, undefined, {
      orderLinkId: 'stop-1',
      triggerPrice: 96,
    });
    venue.advance(2); // 101, then 97: above the amended trigger
    expect((await ex.fetchOpenOrders(SYMBOL))[0]?.triggerPrice).toBe(96);
    venue.advance(1); // 95: falls through 96
    const [fired] = await ex.fetchCanceledAndClosedOrders(SYMBOL, undefined, undefined, {
      orderLinkId: 'stop-1',
    });
    expect(fired).toEqual(
      expect.objectContaining({ id: stop.id, status: 'closed', filled: 0.5, average: 95 }),
    );
    // ccxt sends no triggerDirection on spot; one that says a fall to a trigger the price is
    // already under is Bybit's 110093.
    await expect(
      ex.privatePostV5OrderCreate({
        category: 'spot',
        symbol: 'BTCUSDT',
        side: 'Sell',
        orderType: 'Market',
        qty: '0.1',
        orderFilter: 'StopOrder',
        triggerPrice: '96',
        triggerDirection: 2,
      }),
    ).rejects.toThrow(/"retCode":110093.*expect Falling, but trigger_price\[96\] >= current\[95\]/);
  });

  it('streams the recording on publicTrade and the account fills on order and execution', async () => {
    await start([100, 101, 102], { printOwnFills: true });
    const trades = ex.watchTrades(SYMBOL);
    await eventually(
      async () =>
        (await controlGet<{ streams: string[] }>(venue.url, '/control/state')).streams.includes(
          'publicTrade.BTCUSDT',
        ),
      10_000,
    );
    venue.advance(1);
    expect((await trades)[0]).toEqual(
      expect.objectContaining({ symbol: SYMBOL, price: 101, amount: 1 }),
    );
    const orders = ex.watchOrders(SYMBOL);
    const mine = ex.watchMyTrades(SYMBOL);
    await eventually(
      async () =>
        (await controlGet<{ userData: number }>(venue.url, '/control/state')).userData > 0,
      10_000,
    );
    // Marketable: the tick's trade price is 101, where the fill model fills a taker.
    const placed = await ex.createOrder(SYMBOL, 'limit', 'buy', 1, 102, {
      clientOrderId: 'rest-1',
    });
    const seen = await orders;
    expect(seen[seen.length - 1]).toEqual(
      expect.objectContaining({ id: placed.id, clientOrderId: 'rest-1' }),
    );
    const fills = await mine;
    expect(fills[0]).toEqual(
      expect.objectContaining({
        order: placed.id,
        price: 101,
        amount: 1,
        fee: expect.objectContaining({ cost: 0.001, currency: 'BTC' }),
      }),
    );
    // The order topic told the fill too: ccxt's cache holds the order as last reported.
    await eventually(() => ex.orders?.find((o) => o.id === placed.id)?.status === 'closed');
    expect(ex.orders?.find((o) => o.id === placed.id)).toEqual(
      expect.objectContaining({ status: 'closed', filled: 1, clientOrderId: 'rest-1' }),
    );
  });

  it("refuses a wrong secret, a stale timestamp and an unknown route in Bybit's words", async () => {
    await start([100, 101], { serverClock: () => Date.now() + 60_000 });
    // The server's clock runs a minute ahead of ccxt's: outside the 5 s receive window.
    await expect(ex.fetchBalance()).rejects.toBeInstanceOf(ccxt.InvalidNonce);
    const wrong = pointCcxtBybitAtVenue(
      new ccxt.pro.bybit({ apiKey: API_KEY, secret: 'wrong', enableRateLimit: false }),
      venue.url,
    );
    wrong.options['timeDifference'] = -60_000;
    await expect(wrong.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    await wrong.close();
    const res = await fetch(`${venue.url}/v5/position/list?category=linear`);
    expect(await res.json()).toEqual(
      expect.objectContaining({
        retCode: 10001,
        retMsg: expect.stringContaining('GET /v5/position/list is not served'),
      }),
    );
  });
});
