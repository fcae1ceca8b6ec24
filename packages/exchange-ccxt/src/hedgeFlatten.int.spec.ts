import * as ccxt from 'ccxt';
import { getInMemoryEventStore, watchAccount } from '@smart-orders/engine';
import {
  pointCcxtAtVenue,
  startVenue,
  type CcxtExchangeLike,
  type Venue,
  type VenueTick,
} from '@smart-orders/venue';
import type { OrderRequest } from '@smart-orders/engine';
import { getCcxtExchange, type CcxtExchange } from './getCcxtExchange';

// Real sockets on a shared machine: generous, though the case takes a few seconds.
jest.setTimeout(60_000);

const T0 = 1_700_000_000_000;
const API_KEY = 'hedge-flatten-key';
const SECRET = 'hedge-flatten-secret';
const PERP = 'BTC/USDT:USDT';
const ticks: VenueTick[] = Array.from({ length: 60 }, (_, i) => ({
  type: 'Tick',
  symbol: 'BTC/USDT',
  ts: T0 + i * 1000,
  price: 100,
  bid: 99.5,
  ask: 100.5,
}));

const entry = (clientOrderId: string, side: 'BUY' | 'SELL', quantity: number): OrderRequest => ({
  clientOrderId,
  orderId: 'o-1',
  symbol: PERP,
  side,
  type: 'MARKET',
  quantity,
  reduceOnly: false,
  triggerPrice: 100,
  ts: T0,
});

/**
 * A kill switch on a hedge-mode account holding a long and a short of one perpetual: the
 * flatten closes both legs (each by an exit on its own side), never only their net. Here the
 * watchdog's flatten (the account decider's, as the engine's), with the ccxt adapter against
 * the USDⓈ-M venue, which refuses in hedge mode an order without its positionSide.
 */
describe('a flatten of a hedge-mode account closes the long and the short of one symbol', () => {
  let venue: Venue;
  let exchange: CcxtExchange;

  beforeEach(async () => {
    venue = await startVenue({
      ticks,
      marketType: 'usdm',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000 },
      market: { tickSize: 0.1, stepSize: 0.001 },
    });
    venue.advance(1);
    const raw = pointCcxtAtVenue(
      new ccxt.pro.binanceusdm({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
      'usdm',
    );
    await raw.setPositionMode(true);
    await raw.close();
    const made = getCcxtExchange({
      exchangeId: 'binance',
      credentials: { apiKey: API_KEY, secret: SECRET },
      configure: (ex) =>
        void pointCcxtAtVenue(ex as unknown as CcxtExchangeLike, venue.url, 'usdm'),
      timing: { createDeadlineMs: 500, settleMarginMs: 100 },
    });
    if (made._tag === 'Left') throw new Error(made.left.message);
    exchange = made.right;
  });

  afterEach(async () => {
    await exchange.close();
    await venue.close();
  });

  const legs = async (): Promise<[string, number][]> =>
    (
      (await (await fetch(`${venue.url}/control/account`)).json()) as {
        positions: { positionSide: string; quantity: number }[];
      }
    ).positions
      .map((p): [string, number] => [p.positionSide, p.quantity])
      .filter(([, quantity]) => quantity !== 0)
      .sort();

  it('long 0.2 and short 0.1: the watchdog sells 0.2 on the long and buys 0.1 on the short, then confirms flat', async () => {
    expect(await exchange.futures({ [PERP]: { positionMode: 'hedge' } })).toEqual(
      expect.objectContaining({ _tag: 'Right' }),
    );
    const placed = [
      await exchange.place(entry('soe0r1hedgelong00000000', 'BUY', 0.2)),
      await exchange.place(entry('soe0r1hedgeshort0000000', 'SELL', 0.1)),
    ];
    expect(placed.map((p) => (p._tag === 'Right' ? 'placed' : p.left.message))).toEqual([
      'placed',
      'placed',
    ]);
    for (let i = 0; i < 10 && (await legs()).length < 2; i++) {
      venue.advance(1);
      await new Promise((r) => setTimeout(r, 100));
    }
    // Netted, this account is 0.1 long; it holds 0.3 of exposure.
    expect((await legs()).map(([side]) => side)).toEqual(['LONG', 'SHORT']);

    // The engine recorded both entries' fills (its log nets them: 0.1 long), and its last
    // heartbeat long ago: the watchdog trips the kill switch and flattens.
    const recorded = (side: 'BUY' | 'SELL', quantity: number, position: number) => ({
      type: 'FillRecorded',
      ts: 900,
      data: {
        orderId: 'o-1',
        clientOrderId: null,
        symbol: PERP,
        side,
        price: 100,
        quantity,
        reduceOnly: false,
        position,
        averagePrice: 100,
        realisedPnl: 0,
        sessionPnl: null,
      },
    });
    const store = getInMemoryEventStore();
    await store.appendBatch([
      {
        stream: 'account-hedged',
        expectedVersion: 'no_stream',
        events: [
          recorded('BUY', 0.2, 0.2),
          recorded('SELL', 0.1, 0.1),
          { type: 'HeartbeatRecorded', ts: 1_000, data: {} },
        ],
      },
    ]);
    const dog = watchAccount({
      store,
      exchange,
      accountId: 'hedged',
      maxSilenceMs: 1_000,
      pollMs: 100,
      tickSize: () => 0.1,
    });
    let outcome = await dog.check();
    for (let i = 0; i < 40 && outcome !== 'FLAT'; i++) {
      venue.advance(1);
      await new Promise((r) => setTimeout(r, 150));
      outcome = await dog.check();
    }
    dog.stop();
    expect(outcome).toBe('FLAT');
    expect(await legs()).toEqual([]);
    const exits = (await store.readStream('account-hedged'))
      .filter((e) => e.type === 'FlattenExitRequested' || e.type === 'FlattenRetriedAsLimit')
      .map((e) => {
        const d = e.data as { side: string; quantity: number };
        return [d.side, d.quantity];
      });
    expect(exits).toEqual([
      ['SELL', 0.2],
      ['BUY', 0.1],
    ]);
  });
});
