import { startVenue, type Venue, type VenueTick } from '@smart-orders/venue';
import type { OrderRequest } from '@smart-orders/engine';
import { getCcxtExchange, type CcxtExchange } from './getCcxtExchange';

// Real sockets on a shared machine: generous, though a case takes a second or two.
jest.setTimeout(30_000);

const T0 = 1_700_000_000_000;
const API_KEY = 'bybit-linear-key';
const SECRET = 'bybit-linear-secret';
const PERP = 'BTC/USDT:USDT';
const ticks: VenueTick[] = [100, 99, 97].map((price, i) => ({
  type: 'Tick',
  symbol: 'BTC/USDT',
  ts: T0 + i * 1000,
  price,
  bid: price - 0.5,
  ask: price + 0.5,
}));

const order = (
  clientOrderId: string,
  side: 'BUY' | 'SELL',
  quantity: number,
  reduceOnly: boolean,
): OrderRequest => ({
  clientOrderId,
  orderId: 'o-1',
  symbol: PERP,
  side,
  type: 'MARKET',
  quantity,
  reduceOnly,
  triggerPrice: 100,
  ts: T0,
});

/**
 * The adapter as `run --exchange bybit --url` makes it, on the venue's Bybit linear
 * perpetuals: the futures settings read and set (the position mode read from the position
 * rows' `positionIdx`), hedge-mode orders by `positionIdx`, and a native stop placed, amended
 * in place by `orderLinkId` and fired by the recording.
 */
describe('the ccxt adapter on the venue speaking Bybit v5 linear', () => {
  let venue: Venue;
  let exchange: CcxtExchange;

  const adapter = (): CcxtExchange => {
    const made = getCcxtExchange({
      exchangeId: 'bybit',
      credentials: { apiKey: API_KEY, secret: SECRET },
      url: venue.url,
      timing: { createDeadlineMs: 500, settleMarginMs: 100 },
    });
    if (made._tag === 'Left') throw new Error(made.left.message);
    return made.right;
  };
  const positions = async (): Promise<[string, number][]> =>
    (
      (await (await fetch(`${venue.url}/control/account`)).json()) as {
        positions: { positionSide: string; quantity: number }[];
      }
    ).positions
      .map((p): [string, number] => [p.positionSide, p.quantity])
      .sort();

  beforeEach(async () => {
    venue = await startVenue({
      ticks,
      symbol: PERP,
      marketType: 'usdm',
      dialect: 'bybit',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000 },
      market: { tickSize: 0.1, stepSize: 0.001 },
    });
    exchange = adapter();
  });

  afterEach(async () => {
    await exchange.close();
    await venue.close();
  });

  it('reads the settings, sets what the plan asks, and a second start finds them as wanted', async () => {
    expect(await exchange.futures({ [PERP]: {} })).toEqual({
      _tag: 'Right',
      right: [
        { symbol: PERP, positionMode: 'oneWay', leverage: 20, marginMode: 'cross', changed: [] },
      ],
    });
    const applied = await exchange.futures({
      [PERP]: { leverage: 5, positionMode: 'hedge', set: true },
    });
    expect(applied._tag === 'Right' && applied.right[0]?.changed).toEqual([
      'positionMode oneWay → hedge',
      'leverage 20 → 5',
    ]);
    // Bybit refuses a switch to the mode held (110025): a restart must read it, not set it again.
    const again = adapter();
    try {
      const second = await again.futures({
        [PERP]: { leverage: 5, positionMode: 'hedge', set: true },
      });
      expect(second._tag === 'Right' && second.right[0]).toEqual(
        expect.objectContaining({ positionMode: 'hedge', leverage: 5, changed: [] }),
      );
    } finally {
      await again.close();
    }
  });

  it('in hedge mode trades a long and a short by positionIdx, and moves the long native stop in place until the recording fires it', async () => {
    expect(await exchange.futures({ [PERP]: { positionMode: 'hedge', set: true } })).toEqual(
      expect.objectContaining({ _tag: 'Right' }),
    );
    const long = await exchange.place(order('soe0r1long0000000000000', 'BUY', 0.1, false));
    const short = await exchange.place(order('soe0r1short000000000000', 'SELL', 0.2, false));
    // Bybit's create answers ids only: the fills are told on the order topic and seen here.
    expect([long._tag, short._tag]).toEqual(['Right', 'Right']);
    expect(await positions()).toEqual([
      ['LONG', 0.1],
      ['SHORT', -0.2],
    ]);

    const stop = await exchange.place({
      ...order('son0r1longstop00000000', 'SELL', 0.1, true),
      type: 'STOP',
      stopPrice: 95,
    });
    expect(stop).toEqual({ _tag: 'Right', right: expect.objectContaining({ status: 'OPEN' }) });
    const moved = await exchange.amendStop?.('son0r1longstop00000000', PERP, {
      side: 'SELL',
      stopPrice: 98,
      quantity: 0.1,
      ts: T0,
    });
    expect(moved).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ stopPrice: 98, quantity: 0.1, status: 'OPEN' }),
    });
    venue.advance(1); // 99: above the moved stop
    expect(await positions()).toEqual([
      ['LONG', 0.1],
      ['SHORT', -0.2],
    ]);
    venue.advance(1); // 97: through it; the stop closes the long and leaves the short
    expect(await positions()).toEqual([['SHORT', -0.2]]);
    const fired = await exchange.lookup('son0r1longstop00000000', PERP);
    expect(fired).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ status: 'FILLED', filledQuantity: 0.1, averagePrice: 97 }),
    });

    const shortExit = await exchange.place(order('sot0r1short000000000000', 'BUY', 0.2, true));
    expect(shortExit._tag).toBe('Right');
    expect(await positions()).toEqual([]);
    const log = (await (await fetch(`${venue.url}/control/orders`)).json()) as {
      clientOrderId: string;
      accepted: boolean;
    }[];
    expect(log.filter((e) => !e.accepted)).toEqual([]);
  });
});
