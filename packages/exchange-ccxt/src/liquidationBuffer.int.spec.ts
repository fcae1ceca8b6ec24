import * as ccxt from 'ccxt';
import type { Subscription } from 'rxjs';
import {
  pointCcxtAtVenue,
  startVenue,
  type CcxtExchangeLike,
  type Venue,
  type VenueTick,
} from '@smart-orders/venue';
import {
  createEngine,
  getInMemoryEventStore,
  type Engine,
  type EventStore,
} from '@smart-orders/engine';
import { getCcxtExchange, type CcxtExchange } from './getCcxtExchange';

// Real sockets and the engine's timers on a shared machine: generous.
jest.setTimeout(60_000);

const T0 = 1_700_000_000_000;
const API_KEY = 'liquidation-int-key';
const SECRET = 'liquidation-int-secret';
const PERP = 'BTC/USDT:USDT';
// 900 BTC bought at 100 (the tick's trade price) on a 1000 USDT wallet at 100×, less the
// venue's default 10 bps fee of 90 USDT: the venue liquidates it where
// 910 + 900 × (P − 100) = 900 × P × 0.4 %, at P = 99.39; 2 % above that is 101.37.
const ticks: VenueTick[] = [100, 100, 103, 103, 101, 101, 101, 101].map((price, i) => ({
  type: 'Tick',
  symbol: 'BTC/USDT',
  ts: T0 + i * 1000,
  price,
  bid: price - 0.5,
  ask: price + 0.5,
}));

const eventually = async (check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const longOf = (orderId: string, extra: Record<string, unknown>) => ({
  type: 'CreateSmartOrder',
  orderId,
  ts: T0,
  exchange: 'binance',
  symbol: PERP,
  side: 'BUY',
  quantity: 900,
  entry: { type: 'MARKET' },
  takeProfits: [{ price: 150, sizePct: 100 }],
  ...extra,
});

/**
 * The liquidation buffer (issue 14) on the engine with the ccxt adapter against the USDⓈ-M
 * venue: a stop beyond the estimated liquidation price is refused at creation, and a position
 * whose liquidation price (the venue's, read through ccxt) comes within the buffer of the mark
 * trips the kill switch, which flattens it before the venue liquidates it.
 */
describe('liquidationBufferPct: the engine, the ccxt adapter and the USDⓈ-M venue', () => {
  let venue: Venue;
  let exchange: CcxtExchange;
  let engine: Engine;
  let store: EventStore;
  let ticking: Subscription;

  beforeEach(async () => {
    venue = await startVenue({
      ticks,
      marketType: 'usdm',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000 },
    });
    const trader = pointCcxtAtVenue(
      new ccxt.pro.binanceusdm({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
      'usdm',
    );
    await trader.setLeverage(100, PERP);
    await trader.close();
    const made = getCcxtExchange({
      exchangeId: 'binance',
      credentials: { apiKey: API_KEY, secret: SECRET },
      // pointCcxtAtVenue's usdm sets ccxt's defaultType swap, as run's ccxtOptions do (an
      // options object made in jest's realm would replace ccxt's instead of extending them).
      configure: (ex) =>
        void pointCcxtAtVenue(ex as unknown as CcxtExchangeLike, venue.url, 'usdm'),
      timing: { createDeadlineMs: 500, settleMarginMs: 100 },
    });
    if (made._tag === 'Left') throw new Error(made.left.message);
    exchange = made.right;
    const found = await exchange.futures({ [PERP]: {} });
    if (found._tag === 'Left') throw new Error(found.left.message);
    store = getInMemoryEventStore();
    engine = createEngine({
      store,
      exchange,
      account: { id: 'acc', symbols: [PERP], flattenPollMs: 100 },
      liquidation: {
        symbols: { [PERP]: { leverage: found.right[0]?.leverage ?? null, bufferPct: 2 } },
        everyMs: 100,
      },
    });
    await engine.start();
    ticking = exchange.ticks$([PERP]).subscribe((tick) => void engine.process({ tick }));
    await eventually(async () =>
      (
        (await (await fetch(`${venue.url}/control/state`)).json()) as { streams: string[] }
      ).streams.includes('btcusdt@trade'),
    );
    venue.advance(1);
    await eventually(() => engine.lastPrice(PERP) !== undefined);
  });

  afterEach(async () => {
    ticking.unsubscribe();
    await engine.stop();
    await exchange.close();
    await venue.close();
  });

  it('refuses at creation a stop beyond the estimated liquidation price with that margin, naming the field, and sends nothing', async () => {
    // 100× from 100: liquidated near 99.40, so a stop must lie above 101.39.
    const refused = await engine.submit(longOf('too-near', { stopLoss: { price: 99 } }));
    expect(refused).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining(
          'stopLoss.price: must put the stop above 101.385542169: the estimated liquidation price at leverage 100 from 100 is 99.3975903614',
        ),
      }),
    });
    const log = (await (await fetch(`${venue.url}/control/orders`)).json()) as unknown[];
    expect(log).toEqual([]);
  });

  it('trips the kill switch (LIQUIDATION_NEAR) once the mark comes within the buffer of the venue’s liquidation price, and the flatten leaves the account flat', async () => {
    // No stop: nothing to check at creation, the watch alone guards it.
    const created = await engine.submit(longOf('no-stop', {}));
    expect(created._tag).toBe('Right');
    const positions = async () =>
      (
        (await (await fetch(`${venue.url}/control/account`)).json()) as {
          positions: { quantity: number }[];
        }
      ).positions.map((p) => p.quantity);
    await eventually(async () => (await positions()).length === 1);
    venue.advance(2); // 100, 103: the mark is well above 101.37
    await new Promise((r) => setTimeout(r, 500));
    expect(engine.account()?.killSwitch).toBeNull();
    venue.advance(2); // 103, 101: within 2 % of 99.39
    await eventually(() => engine.account()?.killSwitch?.reason === 'LIQUIDATION_NEAR');
    expect(engine.account()?.killSwitch).toEqual(
      expect.objectContaining({
        reason: 'LIQUIDATION_NEAR',
        detail: expect.stringMatching(
          /^BTC\/USDT:USDT: long 900 liquidated at 99\.38\d*, mark 10\d/,
        ),
      }),
    );
    await eventually(async () => (await positions()).length === 0);
  });
});
