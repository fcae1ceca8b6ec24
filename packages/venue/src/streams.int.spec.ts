import * as ccxt from 'ccxt';
import { WebSocket } from 'ws';
import { pointCcxtAtVenue, type CcxtProBinance } from './ccxtForVenue';
import { startVenue, type Venue } from './startVenue';
import {
  API_KEY,
  controlGet,
  eventually,
  SECRET,
  SYMBOL,
  T0,
  ticks,
} from './testing/venueFixtures.spec.helper';

interface State {
  readonly streams: readonly string[];
  readonly userData: number;
  readonly ticksPlayed: number;
  readonly ticksTotal: number;
}

const state = (venue: Venue) => controlGet<State>(venue.url, '/control/state');

/**
 * Calls a ccxt watch method until `enough` holds for everything it returned. Copies, because
 * ccxt updates a cached order in place when the next report for it arrives.
 */
const collect = async <T extends object>(
  watch: () => Promise<T[]>,
  enough: (all: T[]) => boolean,
): Promise<T[]> => {
  const all: T[] = [];
  while (!enough(all)) all.push(...(await watch()).map((x) => ({ ...x })));
  return all;
};

describe('venue WebSocket streams with ccxt.pro.binance', () => {
  let venue: Venue;
  let ex: CcxtProBinance;

  const start = async (options: { step: boolean; speed?: number; prices?: number[] }) => {
    venue = await startVenue({
      ticks: ticks(options.prices ?? [100, 101, 102, 99, 98]),
      symbol: SYMBOL,
      ...(options.step ? { step: true } : { speed: options.speed ?? 1 }),
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000, BTC: 0 },
    });
    ex = pointCcxtAtVenue(
      new ccxt.pro.binance({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
    );
    await ex.loadMarkets();
  };

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  it('watchOrders receives the execution reports of a fill, at recorded time', async () => {
    await start({ step: true });
    const orders = collect(
      () => ex.watchOrders(SYMBOL),
      (all) => all.some((o) => o.clientOrderId === 'soe0r0limit' && o.status === 'closed'),
    );
    await eventually(async () => (await state(venue)).userData === 1);
    await ex.createOrder(SYMBOL, 'limit', 'buy', 1, 99.5, { clientOrderId: 'soe0r0limit' });
    venue.advance(3);
    const updates = (await orders).filter((o) => o.clientOrderId === 'soe0r0limit');
    expect(updates.map((o) => [o.status, o.filled, o.info['x'], o.lastUpdateTimestamp])).toEqual([
      ['open', 0, 'NEW', T0],
      ['closed', 1, 'TRADE', T0 + 3000],
    ]);
  });

  it('watchTrades receives each tick in step mode only as advance plays it', async () => {
    await start({ step: true });
    const trades = collect(
      () => ex.watchTrades(SYMBOL),
      (all) => all.length >= 3,
    );
    await eventually(async () => (await state(venue)).streams.includes('btcusdt@trade'));
    venue.advance(3);
    expect((await trades).map((t) => [t.price, t.timestamp])).toEqual([
      [101, T0 + 1000],
      [102, T0 + 2000],
      [99, T0 + 3000],
    ]);
  });

  it('watchTicker and watchBidsAsks follow the book', async () => {
    await start({ step: true });
    const bidsAsks = ex.watchBidsAsks([SYMBOL]);
    const ticker = ex.watchTicker(SYMBOL);
    // ccxt 4.5 watches a spot ticker on the miniTicker stream, bids and asks on bookTicker.
    await eventually(async () => (await state(venue)).streams.length === 2);
    venue.advance(1);
    expect((await bidsAsks)[SYMBOL]).toEqual(expect.objectContaining({ bid: 100.5, ask: 101.5 }));
    expect(await ticker).toEqual(
      expect.objectContaining({ last: 101, open: 100, high: 101, timestamp: T0 + 1000 }),
    );
  });

  it('plays the recording on its own clock in real-time mode', async () => {
    const started = Date.now();
    await start({ step: false, speed: 10, prices: [100, 101, 102, 103, 104, 105, 106, 107] });
    const trades = await collect(
      () => ex.watchTrades(SYMBOL),
      (all) => all.some((t) => t.price === 107),
    );
    // 7 recorded seconds at ×10.
    expect(Date.now() - started).toBeGreaterThanOrEqual(680);
    const times = trades.map((t) => t.timestamp ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)).toBe(T0 + 7000);
    expect(await state(venue)).toEqual(expect.objectContaining({ ticksPlayed: 8, ticksTotal: 8 }));
    const refused = await fetch(`${venue.url}/control/advance`, {
      method: 'POST',
      body: '{"ticks":1}',
    });
    expect(refused.status).toBe(409);
  });

  it('serves the listen-key user-data stream and the combined market stream too', async () => {
    await start({ step: true });
    const created = await fetch(`${venue.url}/api/v3/userDataStream`, {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': API_KEY },
    });
    const { listenKey } = (await created.json()) as { listenKey: string };
    const wsUrl = venue.url.replace('http', 'ws');
    const userData = new WebSocket(`${wsUrl}/ws/${listenKey}`);
    const combined = new WebSocket(`${wsUrl}/stream?streams=btcusdt@trade`);
    const messages: { user: unknown[]; market: unknown[] } = { user: [], market: [] };
    userData.on('message', (m) => messages.user.push(JSON.parse(m.toString())));
    combined.on('message', (m) => messages.market.push(JSON.parse(m.toString())));
    await Promise.all([userData, combined].map((w) => new Promise((r) => w.once('open', r))));
    await ex.createOrder(SYMBOL, 'market', 'buy', 1, undefined, { clientOrderId: 'soe0r0raw' });
    venue.advance(1);
    await eventually(() => messages.user.length >= 3 && messages.market.length >= 2);
    expect(messages.user).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          e: 'executionReport',
          c: 'soe0r0raw',
          x: 'TRADE',
          X: 'FILLED',
          L: '100.00000000',
        }),
        expect.objectContaining({ e: 'outboundAccountPosition' }),
      ]),
    );
    // The venue's own fill is a trade of the market, printed before the next recorded one.
    expect(messages.market.slice(0, 2)).toEqual([
      {
        stream: 'btcusdt@trade',
        data: expect.objectContaining({ e: 'trade', p: '100.00000000', q: '1.00000000' }),
      },
      { stream: 'btcusdt@trade', data: expect.objectContaining({ e: 'trade', p: '101.00000000' }) },
    ]);
    userData.close();
    combined.close();
  });
});
