import ccxt from 'ccxt';
import {
  pointCcxtAtVenue,
  startVenue,
  type CcxtExchangeLike,
  type Venue,
} from '@smart-orders/venue';
import { paceSendsFirst, READ_SHARE } from './sendsFirst';
import { VENUE_PROFILES } from './venueProfile';

jest.setTimeout(30_000);

const API_KEY = 'pace-int-key';
const SECRET = 'pace-int-secret';

/**
 * Binance's pacing by its minute of request weight, against the venue, which counts weight per
 * minute as Binance does and answers 429 past 6,000 (then 418 to a client that keeps sending).
 */
describe("the adapter's pacing of Binance on the venue", () => {
  let venue: Venue;
  let exchange: InstanceType<typeof ccxt.pro.binance>;

  beforeEach(async () => {
    venue = await startVenue({
      ticks: [{ type: 'Tick', symbol: 'ETH/USDT', ts: 1_700_000_000_000, price: 2_000 }],
      symbol: 'ETH/USDT',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { ETH: 10, USDT: 100_000 },
    });
    exchange = new ccxt.pro.binance({ apiKey: API_KEY, secret: SECRET, enableRateLimit: true });
    pointCcxtAtVenue(exchange as unknown as CcxtExchangeLike, venue.url);
    paceSendsFirst(exchange, VENUE_PROFILES.binance.restLimit);
    await exchange.loadMarkets();
    venue.advance(1);
  });

  afterEach(async () => {
    await exchange.close();
    await venue.close();
  });

  it('spends the lookups’ share of the minute at once, sends an order in the middle of them, and the venue refuses nothing', async () => {
    // 4 units (weight 20) a lookup: 4,000 of the minute's 6,000 weight, within the reads' share
    // of 1,200 units beside what loading the markets spent.
    const lookups = 200;
    expect(lookups * 4).toBeLessThan(1_200 * READ_SHARE);
    const started = performance.now();
    const reads = Array.from({ length: lookups }, () =>
      exchange.fetchMyTrades('ETH/USDT', undefined, 1),
    );
    const asked = performance.now();
    // A limit that rests: the venue in step mode fills a market order only at its next print.
    const order = await exchange.createOrder('ETH/USDT', 'limit', 'sell', 0.01, 3_000);
    const created = performance.now() - asked;
    await Promise.all(reads);
    const all = performance.now() - started;
    expect(order.status).toBe('open');
    // ccxt's leaky bucket would have spaced the lookups 200 ms apart: 48 s for these.
    expect(all).toBeLessThan(10_000);
    expect(created).toBeLessThan(all);
    const limits = (await (await fetch(`${venue.url}/control/state`)).json()) as {
      requestLimits: { usedWeight: number; refused429: number; refused418: number };
    };
    expect(limits.requestLimits).toMatchObject({ refused429: 0, refused418: 0 });
    expect(limits.requestLimits.usedWeight).toBeLessThanOrEqual(6_000);
  });
});
