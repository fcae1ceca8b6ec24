import * as ccxt from 'ccxt';
import {
  pointCcxtAtVenue,
  startVenue,
  type CcxtExchangeLike,
  type Venue,
  type VenueTick,
} from '@smart-orders/venue';
import type { OrderRequest } from '@smart-orders/engine';
import { getCcxtExchange, type CcxtExchange } from './getCcxtExchange';

// Real sockets on a shared machine: generous, though a case takes about a second.
jest.setTimeout(30_000);

const T0 = 1_700_000_000_000;
const API_KEY = 'hedge-int-key';
const SECRET = 'hedge-int-secret';
const PERP = 'BTC/USDT:USDT';
const ticks: VenueTick[] = [100, 100, 101, 102, 99, 97].map((price, i) => ({
  type: 'Tick',
  symbol: 'BTC/USDT',
  ts: T0 + i * 1000,
  price,
  bid: price - 0.5,
  ask: price + 0.5,
}));

interface VenuePosition {
  readonly symbol: string;
  readonly positionSide: string;
  readonly quantity: number;
}

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
 * The adapter as `run --exchange binanceusdm` opens it (binance with ccxt's swap markets)
 * against the USDⓈ-M venue, whose account Binance-like refuses in hedge mode an order without
 * its positionSide (-4061) and any `reduceOnly` parameter (-1106).
 */
describe('futures settings and hedge mode, the ccxt adapter against the USDⓈ-M venue', () => {
  let venue: Venue;
  let exchange: CcxtExchange;
  let raw: InstanceType<(typeof ccxt)['pro']['binanceusdm']>;

  const adapter = (): CcxtExchange => {
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
    return made.right;
  };
  const positions = async (): Promise<[string, number][]> =>
    (
      (await (await fetch(`${venue.url}/control/account`)).json()) as {
        positions: VenuePosition[];
      }
    ).positions
      .map((p): [string, number] => [p.positionSide, p.quantity])
      .sort();

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
    exchange = adapter();
    // The account's own settings, as a trader left them on the exchange.
    raw = pointCcxtAtVenue(
      new ccxt.pro.binanceusdm({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
      'usdm',
    );
  });

  afterEach(async () => {
    await exchange.close();
    await raw.close();
    await venue.close();
  });

  it('reads each setting, and stops the start on one the plan names but does not ask to change, naming symbol, setting, found and wanted', async () => {
    expect(await exchange.futures({ [PERP]: {} })).toEqual({
      _tag: 'Right',
      right: [
        {
          symbol: PERP,
          positionMode: 'oneWay',
          leverage: 20,
          marginMode: 'cross',
          changed: [],
        },
      ],
    });
    expect(await exchange.futures({ [PERP]: { leverage: 5 } })).toEqual({
      _tag: 'Left',
      left: {
        code: 'FUTURES_SETTINGS',
        message:
          'binance BTC/USDT:USDT: leverage is 20, the plan wants 5; change it on the exchange, or add "set": true to the symbol\'s futures settings to have run change it',
      },
    });
    expect(await exchange.futures({ [PERP]: { positionMode: 'hedge' } })).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({
        message: expect.stringContaining(
          'binance BTC/USDT:USDT: positionMode is oneWay, the plan wants hedge;',
        ),
      }),
    });
    expect(await exchange.futures({ [PERP]: { marginMode: 'isolated' } })).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({
        message: expect.stringContaining(
          'binance BTC/USDT:USDT: marginMode is cross, the plan wants isolated;',
        ),
      }),
    });
    expect(await exchange.futures({ 'BTC/USDT': {} })).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({
        message: 'binance BTC/USDT: the venue lists no such market',
      }),
    });
  });

  it('sets what the plan asks with set, and the venue then holds it', async () => {
    const applied = await exchange.futures({
      [PERP]: { leverage: 5, marginMode: 'isolated', positionMode: 'hedge', set: true },
    });
    expect(applied).toEqual({
      _tag: 'Right',
      right: [
        {
          symbol: PERP,
          positionMode: 'hedge',
          leverage: 5,
          marginMode: 'isolated',
          changed: [
            'positionMode oneWay → hedge',
            'marginMode cross → isolated',
            'leverage 20 → 5',
          ],
        },
      ],
    });
    await raw.loadMarkets();
    expect(await raw.fetchPositionMode(PERP)).toEqual(expect.objectContaining({ hedged: true }));
    expect(await raw.fetchMarginMode(PERP)).toEqual(
      expect.objectContaining({ marginMode: 'isolated' }),
    );
    // A second start finds them as wanted and changes nothing.
    const again = await adapter().futures({
      [PERP]: { leverage: 5, marginMode: 'isolated', positionMode: 'hedge' },
    });
    expect(again._tag === 'Right' && again.right[0]?.changed).toEqual([]);
  });

  it('in hedge mode, sends each order on its side: a long and a short held at once, each exit closing its own side, a native stop resting on the long', async () => {
    await raw.setPositionMode(true);
    // Without the position mode read, the orders go out as one-way and the venue refuses them.
    const blind = adapter();
    const refused = await blind.place(order('soe0r1blind00000000000', 'BUY', 0.1, false));
    expect(refused).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({
        code: 'REJECTED',
        message: expect.stringContaining("position side does not match user's setting"),
      }),
    });
    await blind.close();

    expect(await exchange.futures({ [PERP]: { positionMode: 'hedge' } })).toEqual(
      expect.objectContaining({ _tag: 'Right' }),
    );
    const longEntry = await exchange.place(order('soe0r1long0000000000000', 'BUY', 0.1, false));
    const shortEntry = await exchange.place(order('soe0r1short000000000000', 'SELL', 0.2, false));
    expect([longEntry, shortEntry].map((p) => p._tag === 'Right' && p.right.status)).toEqual([
      'FILLED',
      'FILLED',
    ]);
    expect(await positions()).toEqual([
      ['LONG', 0.1],
      ['SHORT', -0.2],
    ]);

    // The native stop behind the long: a reduce-only sell stop, sent on the LONG side.
    const stop = await exchange.place({
      ...order('son0r1longstop00000000', 'SELL', 0.1, true),
      type: 'STOP',
      stopPrice: 90,
    });
    expect(stop).toEqual({ _tag: 'Right', right: expect.objectContaining({ status: 'OPEN' }) });

    // The long's take-profit: a sell that closes the long and leaves the short alone.
    const longExit = await exchange.place(order('sot0r1long0000000000000', 'SELL', 0.1, true));
    expect(longExit._tag === 'Right' && longExit.right.status).toBe('FILLED');
    expect(await positions()).toEqual([['SHORT', -0.2]]);
    // The short's: a buy that closes the short.
    const shortExit = await exchange.place(order('sot0r1short000000000000', 'BUY', 0.2, true));
    expect(shortExit._tag === 'Right' && shortExit.right.status).toBe('FILLED');
    expect(await positions()).toEqual([]);

    const log = (await (await fetch(`${venue.url}/control/orders`)).json()) as {
      clientOrderId: string;
      accepted: boolean;
    }[];
    expect(log.filter((e) => !e.accepted).map((e) => e.clientOrderId)).toEqual([
      'soe0r1blind00000000000',
    ]);
  });
});
