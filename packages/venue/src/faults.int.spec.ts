import * as ccxt from 'ccxt';
import { pointCcxtAtVenue, type CcxtProBinance } from './ccxtForVenue';
import type { Fault } from './fault';
import type { OrderLogEntry } from './orderLog';
import { startVenue, type Venue } from './startVenue';
import {
  API_KEY,
  controlGet,
  controlPost,
  eventually,
  SECRET,
  SYMBOL,
  T0,
  ticks,
} from './testing/venueFixtures.spec.helper';

interface State {
  readonly streams: readonly string[];
  readonly userData: number;
  readonly connections: number;
  readonly executionReports: {
    readonly sent: number;
    readonly dropped: number;
    readonly delayed: number;
  };
}

describe('venue faults', () => {
  let venue: Venue;
  let ex: CcxtProBinance;
  const state = () => controlGet<State>(venue.url, '/control/state');
  const addFault = (fault: Fault) => controlPost(venue.url, '/control/faults', fault);

  const start = async (faults: readonly Fault[] = []) => {
    venue = await startVenue({
      ticks: ticks([100, 101, 102, 103, 104]),
      symbol: SYMBOL,
      step: true,
      faults,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 10000, BTC: 0 },
    });
    ex = pointCcxtAtVenue(
      new ccxt.pro.binance({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
    );
    await ex.loadMarkets();
  };

  /** Client order ids of the orders watchOrders reports, until `last` shows up. */
  const reportedUntil = async (last: string): Promise<string[]> => {
    const seen: string[] = [];
    while (!seen.includes(last))
      seen.push(...(await ex.watchOrders(SYMBOL)).map((o) => o.clientOrderId ?? ''));
    return seen;
  };

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  it('refuses market orders inside a rejectMarketOrders window, as a closed market', async () => {
    await start([{ from: T0 + 1000, to: T0 + 3000, rejectMarketOrders: true }]);
    await ex.createOrder(SYMBOL, 'market', 'buy', 1);
    venue.advance(1);
    const refused = ex.createOrder(SYMBOL, 'market', 'buy', 1, undefined, {
      clientOrderId: 'soe0r0closed',
    });
    await expect(refused).rejects.toThrow(ccxt.MarketClosed);
    await expect(ex.createOrder(SYMBOL, 'limit', 'buy', 1, 90)).resolves.toEqual(
      expect.objectContaining({ status: 'open' }),
    );
    venue.advance(2);
    await expect(ex.createOrder(SYMBOL, 'market', 'buy', 1)).resolves.toEqual(
      expect.objectContaining({ status: 'closed' }),
    );
    const log = await controlGet<OrderLogEntry[]>(venue.url, '/control/orders');
    expect(log.find((e) => e.clientOrderId === 'soe0r0closed')).toEqual(
      expect.objectContaining({
        accepted: false,
        error: { code: -1013, msg: 'Market is closed.' },
      }),
    );
  });

  it('answers every signed read 503 inside a refuseAccountReads window, while orders are still taken', async () => {
    await start([{ from: T0 + 1000, to: T0 + 3000, refuseAccountReads: true }]);
    await expect(ex.fetchBalance()).resolves.toBeDefined();
    venue.advance(1);
    await expect(ex.fetchBalance()).rejects.toThrow(ccxt.BaseError);
    await expect(ex.fetchOpenOrders(SYMBOL)).rejects.toThrow(ccxt.BaseError);
    // Public reads and orders are not reads of the account.
    await expect(ex.fetchTicker(SYMBOL)).resolves.toBeDefined();
    await expect(
      ex.createOrder(SYMBOL, 'limit', 'buy', 1, 90, { clientOrderId: 'soe0r0blind' }),
    ).resolves.toEqual(expect.objectContaining({ status: 'open' }));
    venue.advance(2);
    await expect(ex.fetchBalance()).resolves.toBeDefined();
  });

  it('drops the next execution reports, then sends again', async () => {
    await start();
    const reported = reportedUntil('soe0r0second');
    await eventually(async () => (await state()).userData === 1);
    await addFault({ at: T0, dropExecutionReports: 2 });
    await ex.createOrder(SYMBOL, 'market', 'buy', 1, undefined, { clientOrderId: 'soe0r0first' });
    await ex.createOrder(SYMBOL, 'market', 'buy', 1, undefined, { clientOrderId: 'soe0r0second' });
    expect(await reported).not.toContain('soe0r0first');
    expect((await state()).executionReports).toEqual({ sent: 2, dropped: 2, delayed: 0 });
  });

  it('delays execution reports by wall-clock time', async () => {
    await start();
    const reported = reportedUntil('soe0r0late');
    await eventually(async () => (await state()).userData === 1);
    await addFault({ at: T0, delayExecutionReportsMs: 400, count: 1 });
    const sentAt = Date.now();
    await ex.createOrder(SYMBOL, 'limit', 'buy', 1, 90, { clientOrderId: 'soe0r0late' });
    await reported;
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(390);
  });

  it('executes an order whose answer never comes: ccxt times out, the venue knows the order', async () => {
    await start([{ at: T0, executeWithoutAnswer: 1 }]);
    ex.timeout = 500;
    const lost = ex.createOrder(SYMBOL, 'market', 'buy', 1, undefined, {
      clientOrderId: 'soe0r0lost',
    });
    await expect(lost).rejects.toThrow(ccxt.RequestTimeout);
    const log = await controlGet<(OrderLogEntry & { order: { status: string } })[]>(
      venue.url,
      '/control/orders',
    );
    expect(log).toEqual([
      expect.objectContaining({
        clientOrderId: 'soe0r0lost',
        accepted: true,
        answered: false,
        order: expect.objectContaining({ status: 'FILLED' }),
      }),
    ]);
    const found = await ex.fetchOrder('', SYMBOL, { origClientOrderId: 'soe0r0lost' });
    expect(found).toEqual(expect.objectContaining({ status: 'closed', filled: 1 }));
    await expect(ex.createOrder(SYMBOL, 'market', 'buy', 1)).resolves.toEqual(
      expect.objectContaining({ status: 'closed' }),
    );
  });

  it('closes every WebSocket connection; ccxt sees the drop and can watch again', async () => {
    await start();
    const first = ex.watchTrades(SYMBOL);
    await eventually(async () => (await state()).connections === 1);
    await addFault({ at: 0, closeWebSocket: true });
    await expect(first).rejects.toThrow(ccxt.NetworkError);
    expect((await state()).connections).toBe(0);
    const again = ex.watchTrades(SYMBOL);
    await eventually(async () => (await state()).streams.includes('btcusdt@trade'));
    venue.advance(1);
    expect((await again).map((t) => t.price)).toEqual([101]);
  });

  it('prints one off-market trade at its time without moving the venue market', async () => {
    await start([{ at: T0 + 1500, offMarketPrint: 50 }]);
    await ex.createOrder(SYMBOL, 'limit', 'buy', 1, 60, { clientOrderId: 'soe0r0cheap' });
    const prints: (readonly [number | undefined, number | undefined])[] = [];
    const watching = (async () => {
      while (prints.length < 3)
        prints.push(...(await ex.watchTrades(SYMBOL)).map((t) => [t.price, t.timestamp] as const));
    })();
    await eventually(async () => (await state()).streams.includes('btcusdt@trade'));
    venue.advance(2);
    await watching;
    expect(prints).toEqual([
      [101, T0 + 1000],
      [50, T0 + 1500],
      [102, T0 + 2000],
    ]);
    expect((await ex.fetchOrder('', SYMBOL, { origClientOrderId: 'soe0r0cheap' })).status).toBe(
      'open',
    );
  });
});
