import * as ccxt from 'ccxt';
import { startVenue, type Venue } from '../startVenue';
import type { VenueOptions } from '../venueOptions';
import { API_KEY, controlGet, SECRET, SYMBOL, ticks } from '../testing/venueFixtures.spec.helper';
import { pointCcxtBybitAtVenue } from './ccxtBybitForVenue';

jest.setTimeout(30_000);

/** The real `ccxt.bybit` (REST only), its own pacing off, meeting the Bybit dialect's limits. */
describe("the bybit dialect's request limits, met by ccxt.bybit", () => {
  let venue: Venue;
  let ex: ccxt.bybit;

  const start = async (extra: Partial<VenueOptions> = {}) => {
    venue = await startVenue({
      ticks: ticks([100, 101]),
      symbol: SYMBOL,
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 100_000, BTC: 0 },
      dialect: 'bybit',
      ...extra,
    });
    ex = pointCcxtBybitAtVenue(
      new ccxt.bybit({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
    );
    await ex.loadMarkets();
    // ccxt asks the key's account type before its first private call; asked now, not 60 times.
    await ex.fetchBalance();
  };

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  const header = (name: string): string | undefined => {
    const headers = (ex.last_response_headers ?? {}) as Record<string, string>;
    return Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  };

  it('answers a burst of creates past 20 a second with 10006, which ccxt raises as RateLimitExceeded, and places none of those', async () => {
    await start();
    const sent = Array.from({ length: 60 }, (_, i) =>
      ex.createOrder(SYMBOL, 'limit', 'buy', 0.1, 90, { clientOrderId: `burst-${i}` }).then(
        () => 'placed',
        (e: unknown) => e,
      ),
    );
    const outcomes = await Promise.all(sent);
    const placed = outcomes.filter((o) => o === 'placed').length;
    const refused = outcomes.filter((o) => o !== 'placed');
    // 60 sent at once: on a loaded machine they may spread over seconds, so more than 20 may be
    // placed in all, but never the whole burst; the refused ones placed nothing.
    expect(placed).toBeGreaterThanOrEqual(20);
    expect(refused.length).toBeGreaterThan(0);
    for (const e of refused) {
      expect(e).toBeInstanceOf(ccxt.RateLimitExceeded);
      expect(String((e as Error).message)).toContain('"retCode":10006');
      expect(String((e as Error).message)).toContain('Too many visits!');
    }
    expect(header('X-Bapi-Limit')).toBe('20');
    // Each placed order once, under its own orderLinkId; no refused one reached the book.
    const open = await ex.fetchOpenOrders(SYMBOL, undefined, 50);
    expect(new Set(open.map((o) => o.clientOrderId)).size).toBe(placed);
    expect(open).toHaveLength(placed);
    const state = (await controlGet(venue.url, '/control/state')) as {
      requestLimits: { refused10006: number };
    };
    expect(state.requestLimits.refused10006).toBe(refused.length);
  });

  it('says what is left of the endpoint on every private answer, and takes requests again once the second has rolled', async () => {
    await start({ bybitRateLimits: { perSecond: { 'POST /v5/order/create': 2 } } });
    const before = Date.now();
    await ex.createOrder(SYMBOL, 'limit', 'buy', 0.1, 90);
    expect(header('X-Bapi-Limit')).toBe('2');
    expect(header('X-Bapi-Limit-Status')).toBe('1');
    expect(Number(header('X-Bapi-Limit-Reset-Timestamp'))).toBeGreaterThanOrEqual(before);
    await ex.createOrder(SYMBOL, 'limit', 'buy', 0.1, 90);
    expect(header('X-Bapi-Limit-Status')).toBe('0');
    await expect(ex.createOrder(SYMBOL, 'limit', 'buy', 0.1, 90)).rejects.toBeInstanceOf(
      ccxt.RateLimitExceeded,
    );
    // The refusal says when a slot frees: the first create's time plus a second.
    const reset = Number(header('X-Bapi-Limit-Reset-Timestamp'));
    expect(reset).toBeGreaterThan(Date.now());
    expect(reset).toBeLessThanOrEqual(Date.now() + 1_000);
    // Another endpoint has its own count.
    await ex.fetchOpenOrders(SYMBOL);
    expect(header('X-Bapi-Limit')).toBe('50');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, reset - Date.now()) + 50));
    await ex.createOrder(SYMBOL, 'limit', 'buy', 0.1, 90);
    expect(await ex.fetchOpenOrders(SYMBOL, undefined, 50)).toHaveLength(3);
  });

  it('answers HTTP 403 to every request, public ones too, for the ban once the IP passes its limit in 5 s', async () => {
    await start({ bybitRateLimits: { ipRequestsPer5Seconds: 30, ipBanMs: 60_000 } });
    // loadMarkets took a handful; public requests until the limit.
    let error: unknown;
    for (let i = 0; i < 40 && error === undefined; i += 1)
      await ex.fetchTime().catch((e: unknown) => (error = e));
    expect(error).toBeInstanceOf(ccxt.RateLimitExceeded);
    expect(String((error as Error).message)).toContain('403');
    await expect(ex.fetchOpenOrders(SYMBOL)).rejects.toBeInstanceOf(ccxt.RateLimitExceeded);
    const state = (await controlGet(venue.url, '/control/state')) as {
      requestLimits: { refused403: number };
    };
    expect(state.requestLimits.refused403).toBe(2);
  });
});
