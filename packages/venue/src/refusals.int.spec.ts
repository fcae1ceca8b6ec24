import * as ccxt from 'ccxt';
import { pointCcxtAtVenue } from './ccxtForVenue';
import type { OrderLogEntry } from './orderLog';
import { startVenue, type Venue } from './startVenue';
import type { VenueOptions } from './venueOptions';
import { API_KEY, controlGet, SECRET, SYMBOL, ticks } from './testing/venueFixtures.spec.helper';

const binanceOn = (venue: Venue) =>
  pointCcxtAtVenue(
    new ccxt.binance({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
    venue.url,
  );

describe('the refusals a live Binance account meets, through ccxt.binance', () => {
  let venue: Venue;
  let ex: ccxt.binance;

  const start = async (options: Partial<VenueOptions> = {}) => {
    venue = await startVenue({
      ticks: ticks([100, 101, 99]),
      symbol: SYMBOL,
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000, BTC: 1 },
      ...options,
    });
    ex = binanceOn(venue);
  };

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  it("holds signed requests to recvWindow on the server's wall clock, which ccxt can sync to", async () => {
    // The server's clock runs 15 s ahead of this machine's: ccxt's timestamps are stale there,
    // beyond the 10 s recvWindow ccxt sends by default.
    await start({ serverClock: () => Date.now() + 15_000 });
    await expect(ex.fetchBalance()).rejects.toThrow(ccxt.InvalidNonce);
    await expect(ex.fetchBalance()).rejects.toThrow(
      'Timestamp for this request is outside of the recvWindow.',
    );
    // A wider window takes the same stale stamp; so does a client that syncs to the server time.
    await expect(ex.fetchBalance({ recvWindow: 20_000 })).resolves.toBeDefined();
    await expect(ex.fetchBalance({ recvWindow: 60_001 })).rejects.toThrow(
      'recvWindow must be less than 60000',
    );
    const serverTime = await ex.fetchTime();
    expect(Math.abs((serverTime ?? 0) - (Date.now() + 15_000))).toBeLessThan(1000);
    await ex.loadTimeDifference();
    await expect(ex.fetchBalance()).resolves.toBeDefined();
    // A request from the server's future is refused too.
    ex.options['timeDifference'] = -2000 - 15_000;
    await expect(ex.fetchBalance()).rejects.toThrow("was 1000ms ahead of the server's time");
    // The order log keeps no order that never passed the signature checks.
    expect(await controlGet<OrderLogEntry[]>(venue.url, '/control/orders')).toEqual([]);
  });

  it('answers 429 with Retry-After past the weight limit, and bans a client that does not wait with 418', async () => {
    // A server clock held at 10 s into a minute, moved by the test.
    let wall = Math.floor(Date.now() / 60_000) * 60_000 + 10_000;
    await start({
      serverClock: () => wall,
      rateLimits: { requestWeightPerMinute: 50, banMs: 90_000 },
    });
    ex.options['timeDifference'] = Date.now() - wall;
    await ex.loadMarkets(); // exchangeInfo: weight 20
    await ex.fetchBalance(); // account: 40
    const raw = await fetch(`${venue.url}/api/v3/ticker/price?symbol=BTCUSDT`); // 42
    expect(raw.headers.get('x-mbx-used-weight-1m')).toBe('42');
    await expect(ex.fetchBalance()).rejects.toThrow(ccxt.DDoSProtection); // 62 > 50: 429
    const limited = await fetch(`${venue.url}/api/v3/ticker/price?symbol=BTCUSDT`);
    // Still inside the 429's Retry-After: banned.
    expect(limited.status).toBe(418);
    expect(limited.headers.get('retry-after')).toBe('90');
    expect(((await limited.json()) as { msg: string }).msg).toBe(
      `Way too much request weight used; IP banned until ${wall + 90_000}. Please use WebSocket Streams for live updates to avoid bans.`,
    );
    await expect(ex.fetchTicker(SYMBOL)).rejects.toThrow(ccxt.DDoSProtection);
    // The ban ends; the next minute's window is fresh.
    wall += 90_000;
    ex.options['timeDifference'] = Date.now() - wall;
    const after = await fetch(`${venue.url}/api/v3/ticker/price?symbol=BTCUSDT`);
    expect(after.status).toBe(200);
    expect(after.headers.get('x-mbx-used-weight-1m')).toBe('2');
  });

  it('sends a 429 whose Retry-After is the rest of the minute, and takes a client that waits it out', async () => {
    let wall = Math.floor(Date.now() / 60_000) * 60_000 + 45_500;
    await start({ serverClock: () => wall, rateLimits: { requestWeightPerMinute: 4 } });
    await fetch(`${venue.url}/api/v3/ticker/price?symbol=BTCUSDT`);
    await fetch(`${venue.url}/api/v3/ticker/price?symbol=BTCUSDT`);
    const limited = await fetch(`${venue.url}/api/v3/ticker/price?symbol=BTCUSDT`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('15');
    expect(await limited.json()).toEqual({
      code: -1003,
      msg: 'Too much request weight used; current limit is 4 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
    });
    wall += 15_000;
    expect((await fetch(`${venue.url}/api/v3/ticker/price?symbol=BTCUSDT`)).status).toBe(200);
  });

  it('refuses more new orders than the ORDERS limit with -1015, and logs the refusal', async () => {
    await start({ rateLimits: { ordersPer10Seconds: 2 } });
    await ex.createOrder(SYMBOL, 'limit', 'buy', 0.1, 90);
    await ex.createOrder(SYMBOL, 'limit', 'buy', 0.1, 90);
    await expect(ex.createOrder(SYMBOL, 'limit', 'buy', 0.1, 90)).rejects.toThrow(
      ccxt.DDoSProtection,
    );
    const log = await controlGet<OrderLogEntry[]>(venue.url, '/control/orders');
    expect(log.map((e) => e.error?.code ?? null)).toEqual([null, null, -1015]);
  });

  it('refuses with -2010 an order for more than the free balance, a resting sell holding its base', async () => {
    await start();
    await ex.createOrder(SYMBOL, 'limit', 'sell', 0.6, 120, { clientOrderId: 'rest-sell' });
    await expect(
      ex.createOrder(SYMBOL, 'market', 'sell', 0.5, undefined, { clientOrderId: 'oversell' }),
    ).rejects.toThrow(ccxt.InsufficientFunds);
    const log = await controlGet<OrderLogEntry[]>(venue.url, '/control/orders');
    expect(log[1]).toEqual(
      expect.objectContaining({
        clientOrderId: 'oversell',
        accepted: false,
        error: { code: -2010, msg: 'Account has insufficient balance for requested action.' },
      }),
    );
  });
});
