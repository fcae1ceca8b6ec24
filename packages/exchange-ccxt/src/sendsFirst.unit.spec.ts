import ccxt from 'ccxt';
import { createSendsFirstThrottle, paceSendsFirst, READ_SHARE } from './sendsFirst';
import { VENUE_PROFILES } from './venueProfile';

/** Admissions in the order they happened, each with the fake clock's time. */
const recorder = () => {
  const admitted: string[] = [];
  const at: Record<string, number> = {};
  const track = (name: string, p: Promise<void>) =>
    void p.then(() => {
      admitted.push(name);
      at[name] = Date.now();
    });
  return { admitted, at, track };
};

describe('the sends-first throttle', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('under a rolling window, lets reads fill only their share, so an order goes at once while reads wait', async () => {
    // Binance's pacing in ccxt: 50 ms a unit over a 60 s window, 1,200 units.
    const throttle = createSendsFirstThrottle({ rateLimitMs: 50, windowMs: 60_000 }, Date.now);
    const { admitted, track } = recorder();
    const readsThatFit = (1_200 * READ_SHARE) / 4.8;
    for (let i = 0; i < readsThatFit + 10; i++) track(`read-${i}`, throttle(4.8, false));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(admitted).toHaveLength(readsThatFit);
    track('create', throttle(1, true));
    await jest.advanceTimersByTimeAsync(0);
    expect(admitted.at(-1)).toBe('create');
    expect(admitted).toHaveLength(readsThatFit + 1);
    // The waiting reads go as the window moves on.
    await jest.advanceTimersByTimeAsync(60_000);
    expect(admitted).toHaveLength(readsThatFit + 11);
  });

  it('serves a waiting order before every read queued ahead of it', async () => {
    const throttle = createSendsFirstThrottle({ rateLimitMs: 50, windowMs: 1_000 }, Date.now);
    const { admitted, track } = recorder();
    // 20 units a window: the first read takes 16 of them, the rest wait for the next window.
    for (let i = 0; i < 5; i++) track(`read-${i}`, throttle(16, false));
    track('cancel', throttle(16, true));
    await jest.advanceTimersByTimeAsync(0);
    expect(admitted).toEqual(['read-0']);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(admitted).toEqual(['read-0', 'cancel']);
  });

  it('under a leaky bucket, an order waits only for the debt of the read admitted before it', async () => {
    // OKX's pacing in ccxt: a leaky bucket of 110 ms a unit.
    const throttle = createSendsFirstThrottle({ rateLimitMs: 110, windowMs: 0 }, Date.now);
    const { admitted, at, track } = recorder();
    for (let i = 0; i < 10; i++) track(`read-${i}`, throttle(2, false));
    await jest.advanceTimersByTimeAsync(0);
    track('create', throttle(1, true));
    await jest.advanceTimersByTimeAsync(220);
    expect(admitted).toEqual(['read-0', 'create']);
    expect(at['create']).toBe(220);
    // What a plain first-in first-out queue would have made it wait: the nine reads before it.
    await jest.advanceTimersByTimeAsync(10 * 220);
    expect(admitted).toHaveLength(11);
  });
});

describe('paceSendsFirst on a real ccxt.binance instance', () => {
  /** The ms between asking for a create and its request going out, right after a lookup of trades. */
  const createAfterTradesLookup = async (restLimit: 'window' | 'leakyBucket'): Promise<number> => {
    const exchange = new ccxt.binance({ apiKey: 'key', secret: 'secret', enableRateLimit: true });
    paceSendsFirst(exchange, restLimit);
    let sentAt = NaN;
    exchange.fetch = async (url: string, method?: string) => {
      if (method === 'POST') sentAt = performance.now();
      return {};
    };
    // An order's trades, for its fee: 4 of ccxt's units on Binance (weight 20).
    await exchange.privateGetMyTrades({ symbol: 'ETHUSDT', orderId: 1 });
    const asked = performance.now();
    await exchange.privatePostOrder({
      symbol: 'ETHUSDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: 1,
    });
    return sentAt - asked;
  };

  it("on Binance's minute of request weight, a create right after a lookup goes at once", async () => {
    expect(VENUE_PROFILES.binance.restLimit).toBe('window');
    expect(await createAfterTradesLookup('window')).toBeLessThan(20);
  });

  it("under ccxt's leaky bucket, the same create waits for the lookup's debt: 3 units of 50 ms", async () => {
    expect(await createAfterTradesLookup('leakyBucket')).toBeGreaterThanOrEqual(140);
  });

  it("sends an order's create before the lookups queued ahead of it, still through ccxt's costs", async () => {
    const exchange = new ccxt.binance({ apiKey: 'key', secret: 'secret', enableRateLimit: true });
    // 2 units a window: each lookup (0.8) waits for room, the create must not.
    (exchange as unknown as { rollingWindowSize: number }).rollingWindowSize = 100;
    paceSendsFirst(exchange, 'window');
    const wire: string[] = [];
    exchange.fetch = async (url: string, method?: string) => {
      wire.push(`${method} ${new URL(url).pathname}`);
      return {};
    };
    const calls = [
      ...Array.from({ length: 6 }, () =>
        exchange.privateGetOrder({ symbol: 'ETHUSDT', origClientOrderId: 'x' }),
      ),
      exchange.privatePostOrder({ symbol: 'ETHUSDT', side: 'SELL', type: 'MARKET', quantity: 1 }),
    ];
    await Promise.all(calls);
    expect(wire.indexOf('POST /api/v3/order')).toBeLessThan(4);
    expect(wire).toHaveLength(7);
  });
});
