import { createHmac } from 'node:crypto';
import * as ccxt from 'ccxt';
import { pointCcxtAtVenue } from './ccxtForVenue';
import type { OrderLogEntry } from './orderLog';
import { startVenue, type Venue } from './startVenue';
import {
  API_KEY,
  controlGet,
  SECRET,
  SYMBOL,
  T0,
  ticks,
} from './testing/venueFixtures.spec.helper';

const PRICES = [100, 101, 99, 96, 94, 97, 103];

describe('venue REST with ccxt.binance', () => {
  let venue: Venue;
  let ex: ccxt.binance;

  beforeEach(async () => {
    venue = await startVenue({
      ticks: ticks(PRICES),
      symbol: SYMBOL,
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000, BTC: 1 },
    });
    ex = pointCcxtAtVenue(
      new ccxt.binance({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
    );
  });

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  it('loads the one market with the filters the venue enforces', async () => {
    const markets = await ex.loadMarkets();
    expect(Object.keys(markets)).toEqual([SYMBOL]);
    expect(markets[SYMBOL]).toEqual(
      expect.objectContaining({
        id: 'BTCUSDT',
        spot: true,
        active: true,
        precision: expect.objectContaining({ price: 0.01, amount: 0.00001 }),
        limits: expect.objectContaining({ cost: expect.objectContaining({ min: 5 }) }),
      }),
    );
  });

  it('creates market and limit orders with client order ids, finds, lists and cancels them', async () => {
    const market = await ex.createOrder(SYMBOL, 'market', 'buy', 1, undefined, {
      clientOrderId: 'soe0r0market',
    });
    expect(market).toEqual(
      expect.objectContaining({
        clientOrderId: 'soe0r0market',
        status: 'closed',
        filled: 1,
        // At the tick's trade price, as the fill model fills a taker (the ask only without one).
        average: 100,
        timestamp: T0,
      }),
    );
    const limit = await ex.createOrder(SYMBOL, 'limit', 'buy', 2, 95, {
      clientOrderId: 'soe0r0limit',
    });
    expect(limit).toEqual(
      expect.objectContaining({
        clientOrderId: 'soe0r0limit',
        status: 'open',
        price: 95,
        amount: 2,
      }),
    );

    expect((await ex.fetchOrder(String(limit.id), SYMBOL)).clientOrderId).toBe('soe0r0limit');
    const byClientId = await ex.fetchOrder('', SYMBOL, { origClientOrderId: 'soe0r0market' });
    expect(byClientId).toEqual(
      expect.objectContaining({ id: market.id, status: 'closed', filled: 1 }),
    );
    expect((await ex.fetchOpenOrders(SYMBOL)).map((o) => o.clientOrderId)).toEqual(['soe0r0limit']);

    const locked = await ex.fetchBalance();
    expect(locked['USDT']).toEqual(expect.objectContaining({ free: 1000 - 100 - 190, used: 190 }));
    // The default fee, 10 bps of the BTC bought, withheld from it.
    expect(locked['BTC']).toEqual(expect.objectContaining({ free: 1.999, used: 0 }));

    const canceled = await ex.cancelOrder(String(limit.id), SYMBOL);
    expect(canceled.status).toBe('canceled');
    expect(canceled.info['origClientOrderId']).toBe('soe0r0limit');
    expect(await ex.fetchOpenOrders(SYMBOL)).toEqual([]);
    expect((await ex.fetchBalance())['USDT']).toEqual(
      expect.objectContaining({ free: 900, used: 0 }),
    );
  });

  it('fills a resting limit at its price when a later tick crosses it', async () => {
    const limit = await ex.createOrder(SYMBOL, 'limit', 'buy', 1, 97, {
      clientOrderId: 'soe0r0cross',
    });
    venue.advance(2);
    expect((await ex.fetchOrder(String(limit.id), SYMBOL)).status).toBe('open');
    venue.advance(1);
    expect(await ex.fetchOrder(String(limit.id), SYMBOL)).toEqual(
      expect.objectContaining({
        status: 'closed',
        filled: 1,
        average: 97,
        lastTradeTimestamp: T0 + 3000,
      }),
    );
    expect(
      (await ex.fetchMyTrades(SYMBOL)).map((t) => [t.price, t.amount, t.takerOrMaker]),
    ).toEqual([[97, 1, 'maker']]);
  });

  it('triggers a spot stop-loss when the price falls to its stop', async () => {
    const stop = await ex.createOrder(SYMBOL, 'market', 'sell', 1, undefined, {
      stopLossPrice: 95,
      clientOrderId: 'sos0r0stop',
    });
    expect(stop.info['type']).toBe('STOP_LOSS');
    venue.advance(3);
    expect((await ex.fetchOrder(String(stop.id), SYMBOL)).status).toBe('open');
    venue.advance(1);
    expect(await ex.fetchOrder(String(stop.id), SYMBOL)).toEqual(
      // At the trade price of the tick that triggered it.
      expect.objectContaining({ status: 'closed', average: 94 }),
    );
  });

  it('answers refusals in Binance words that ccxt maps to its error classes', async () => {
    await expect(ex.createOrder(SYMBOL, 'limit', 'sell', 2, 120)).rejects.toThrow(
      ccxt.InsufficientFunds,
    );
    await ex.createOrder(SYMBOL, 'limit', 'sell', 1, 120, { clientOrderId: 'sot1r0same' });
    await expect(ex.createOrder(SYMBOL, 'limit', 'sell', 1, 121)).rejects.toThrow(
      'Account has insufficient balance for requested action.',
    );
    const duplicate = ex.createOrder(SYMBOL, 'limit', 'buy', 1, 90, {
      clientOrderId: 'sot1r0same',
    });
    await expect(duplicate).rejects.toThrow(ccxt.InvalidOrder);
    await expect(duplicate).rejects.toThrow('Duplicate order sent.');
    await expect(ex.fetchOrder('999', SYMBOL)).rejects.toThrow(ccxt.OrderNotFound);
    await expect(ex.cancelOrder('999', SYMBOL)).rejects.toThrow(ccxt.OrderNotFound);
    const tooSmall = ex.createOrder(SYMBOL, 'limit', 'buy', 0.01, 90);
    await expect(tooSmall).rejects.toThrow(ccxt.BadRequest);
    await expect(tooSmall).rejects.toThrow('Filter failure: NOTIONAL');
    await expect(
      ex.createOrder(SYMBOL, 'market', 'buy', 1, undefined, { stopLossPrice: 99 }),
    ).rejects.toThrow(ccxt.OrderImmediatelyFillable);
  });

  it('cancels all open orders and lists every order of the market', async () => {
    await ex.createOrder(SYMBOL, 'limit', 'buy', 1, 90, { clientOrderId: 'soe0r0one' });
    await ex.createOrder(SYMBOL, 'limit', 'sell', 1, 110, { clientOrderId: 'sot1r0two' });
    await ex.createOrder(SYMBOL, 'market', 'buy', 1, undefined, { clientOrderId: 'soe0r0three' });
    const canceled = await ex.cancelAllOrders(SYMBOL);
    expect(canceled.map((o) => [o.info['origClientOrderId'], o.status])).toEqual([
      ['soe0r0one', 'canceled'],
      ['sot1r0two', 'canceled'],
    ]);
    expect((await ex.fetchOrders(SYMBOL)).map((o) => [o.clientOrderId, o.status])).toEqual([
      ['soe0r0one', 'canceled'],
      ['sot1r0two', 'canceled'],
      ['soe0r0three', 'closed'],
    ]);
  });

  it('refuses a wrong key or a wrong signature', async () => {
    await ex.loadMarkets();
    const wrongSecret = pointCcxtAtVenue(
      new ccxt.binance({ apiKey: API_KEY, secret: 'not-it' }),
      venue.url,
    );
    const wrongKey = pointCcxtAtVenue(
      new ccxt.binance({ apiKey: 'not-it', secret: SECRET }),
      venue.url,
    );
    await expect(wrongSecret.fetchBalance()).rejects.toThrow(ccxt.AuthenticationError);
    await expect(wrongSecret.fetchBalance()).rejects.toThrow(
      'Signature for this request is not valid.',
    );
    await expect(wrongKey.fetchBalance()).rejects.toThrow(ccxt.AuthenticationError);
    const orders = await controlGet<OrderLogEntry[]>(venue.url, '/control/orders');
    expect(orders).toEqual([]);
  });

  it('checks the HMAC over the body as sent', async () => {
    const post = (body: string, signed: string) =>
      fetch(`${venue.url}/api/v3/order`, {
        method: 'POST',
        headers: { 'X-MBX-APIKEY': API_KEY, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `${body}&signature=${createHmac('sha256', SECRET).update(signed).digest('hex')}`,
      });
    const body = `symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=90&newClientOrderId=raw1&timestamp=${Date.now()}`;
    const tampered = await post(body.replace('price=90', 'price=91'), body);
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toEqual({
      code: -1022,
      msg: 'Signature for this request is not valid.',
    });
    const good = await post(body, body);
    expect(await good.json()).toEqual(
      expect.objectContaining({ clientOrderId: 'raw1', status: 'NEW', price: '90.00000000' }),
    );
    const offGrid = `symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=90.001&timestamp=${Date.now()}`;
    expect(await (await post(offGrid, offGrid)).json()).toEqual({
      code: -1013,
      msg: 'Filter failure: PRICE_FILTER',
    });
  });
});
