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
  readAllEvents,
  type Engine,
  type EventStore,
} from '@smart-orders/engine';
import { getCcxtExchange, type CcxtExchange } from './getCcxtExchange';

// Real sockets and the engine's timers on a shared machine: generous.
jest.setTimeout(60_000);

const T0 = 1_700_000_000_000;
const API_KEY = 'lot-int-key';
const SECRET = 'lot-int-secret';
const ticks: VenueTick[] = [100, 100, 101, 102, 103, 104].map((price, i) => ({
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

const buy = (orderId: string, quantity: number, extra: Record<string, unknown> = {}) => ({
  type: 'CreateSmartOrder',
  orderId,
  ts: T0,
  exchange: 'binance',
  symbol: 'BTC/USDT',
  side: 'BUY',
  quantity,
  entry: { type: 'MARKET' },
  takeProfits: [{ price: 102, sizePct: 100 }],
  stopLoss: { price: 90 },
  ...extra,
});

/**
 * "A plan quantity off the venue's lot size never finishes" (issue 14): 0.0123456 was sent as
 * 0.01234, came back FILLED, and the level waited for 0.0000056 forever. The venue's market is
 * authoritative (SEMANTICS §1 v2): the engine reads it through the adapter before deciding a
 * create, and the core refuses a quantity off its step instead of recording one the venue will
 * never fill.
 */
describe("the venue's lot size is authoritative: the engine, the ccxt adapter and the Binance venue", () => {
  let venue: Venue;
  let exchange: CcxtExchange;
  let engine: Engine;
  let store: EventStore;
  let ticking: Subscription;
  const venueLog = async (): Promise<{ clientOrderId: string; quantity: string }[]> =>
    (await (await fetch(`${venue.url}/control/orders`)).json()) as {
      clientOrderId: string;
      quantity: string;
    }[];

  beforeEach(async () => {
    venue = await startVenue({
      ticks,
      symbol: 'BTC/USDT',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 10_000, BTC: 0 },
      // The venue's own minimum order value is 5; 1 lets the 0.0123 BTC at 100 through.
      market: { tickSize: 0.01, stepSize: 0.00001, minNotional: 1 },
    });
    const made = getCcxtExchange({
      exchangeId: 'binance',
      credentials: { apiKey: API_KEY, secret: SECRET },
      configure: (ex) => void pointCcxtAtVenue(ex as unknown as CcxtExchangeLike, venue.url),
      timing: { createDeadlineMs: 500, settleMarginMs: 100 },
    });
    if (made._tag === 'Left') throw new Error(made.left.message);
    exchange = made.right;
    store = getInMemoryEventStore();
    engine = createEngine({
      store,
      exchange,
      account: { id: 'acc', symbols: ['BTC/USDT'] },
    });
    await engine.start();
    ticking = exchange.ticks$(['BTC/USDT']).subscribe((tick) => void engine.process({ tick }));
    await eventually(async () =>
      (
        (await (await fetch(`${venue.url}/control/state`)).json()) as { streams: string[] }
      ).streams.includes('btcusdt@trade'),
    );
    venue.advance(1);
    await eventually(() => engine.lastPrice('BTC/USDT') !== undefined);
  });

  afterEach(async () => {
    ticking.unsubscribe();
    await engine.stop();
    await exchange.close();
    await venue.close();
  });

  it('refuses at creation a quantity off the venue’s step, naming it, and sends nothing', async () => {
    const refused = await engine.submit(buy('off-lot', 0.0123456));
    expect(refused).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({
        code: 'VALIDATION_FAILED',
        message: 'quantity: must be a multiple of the step size 0.00001, got 0.0123456',
      }),
    });
    // A market finer than the venue's is refused too, naming both.
    const finer = await engine.submit(
      buy('finer', 0.01234, { market: { tickSize: 0.01, stepSize: 0.000001 } }),
    );
    expect(finer).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({
        message: expect.stringContaining(
          "market.stepSize: must be the venue's step size 0.00001 or a whole multiple of it (the venue's market is authoritative), got 0.000001",
        ),
      }),
    });
    expect(await venueLog()).toEqual([]);
  });

  it('an order on the venue’s grid is recorded on it and finishes: the entry fills whole, the take-profit closes it', async () => {
    const created = await engine.submit(buy('on-lot', 0.01234));
    expect(created._tag).toBe('Right');
    if (created._tag === 'Right')
      expect(created.right[0]?.data).toEqual(
        expect.objectContaining({
          quantity: 0.01234,
          market: expect.objectContaining({ tickSize: 0.01, stepSize: 0.00001 }),
        }),
      );
    await eventually(() => engine.view('on-lot')?.status === 'ACTIVE');
    venue.advance(3); // 100, 101, 102: the take-profit at 102
    // The order leaves the open book when it ends: its last event says how.
    await eventually(() => engine.view('on-lot') === undefined);
    const types: string[] = [];
    for await (const e of readAllEvents(store)) if (e.orderId === 'on-lot') types.push(e.type);
    expect(types.at(-1)).toBe('SmartOrderClosed');
    // The entry went out as recorded, not truncated (the exit sells what the entry left after
    // any fee the venue took in the base asset).
    expect(Number((await venueLog())[0]?.quantity)).toBe(0.01234);
  });
});
