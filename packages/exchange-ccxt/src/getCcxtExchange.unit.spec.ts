import { firstValueFrom, take, toArray } from 'rxjs';
import type { Trade } from 'ccxt';
import { ccxt } from './ccxtModule';
import { getCcxtExchange } from './getCcxtExchange';
import { createFakeHttp } from './testing/fakeHttp';
import { MARKETS } from './testing/markets';
import { testVenue } from './testing/testVenue';

describe('configuring the ccxt exchange', () => {
  it('names the supported venues when asked for another', () => {
    expect(getCcxtExchange({ exchangeId: 'mtgox' })).toEqual({
      _tag: 'Left',
      left: {
        code: 'UNSUPPORTED_EXCHANGE',
        message:
          'exchange "mtgox" is not supported; supported are binance, bybit, okx, gate, bitget, kucoin, kraken, coinbase',
      },
    });
  });

  it.each(['kucoin', 'kraken', 'coinbase'])(
    'refuses a sandbox on %s, which has none, instead of trading elsewhere',
    (exchangeId) => {
      expect(getCcxtExchange({ exchangeId, sandbox: true })).toEqual({
        _tag: 'Left',
        left: {
          code: 'NO_SANDBOX',
          message: `${exchangeId} has no sandbox or testnet; those with one: binance, bybit, okx, gate, bitget`,
        },
      });
    },
  );

  it('sends a sandboxed binance to its testnet', async () => {
    const http = createFakeHttp([
      {
        path: /.*/,
        answers: [{ status: 400, body: { code: -2013, msg: 'Order does not exist.' } }],
      },
    ]);
    const made = getCcxtExchange({
      exchangeId: 'binance',
      sandbox: true,
      credentials: { apiKey: 'k', secret: 's' },
      markets: MARKETS.binance,
      timing: { createDeadlineMs: 0, settleMarginMs: 0 },
      ccxtOptions: { fetchImplementation: http.fetchImplementation },
    });
    if (made._tag === 'Left') throw new Error(made.left.message);
    await made.right.lookup('sot1r0k3j9x2ab7qfe41mz', 'BTC/USDT');
    expect(http.requests[0]?.url.host).toBe('testnet.binance.vision');
  });

  it('refuses a url that is not http(s)', () => {
    expect(getCcxtExchange({ exchangeId: 'binance', url: 'ftp://localhost' })).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({ code: 'INVALID_URL' }),
    });
    expect(getCcxtExchange({ exchangeId: 'binance', url: 'localhost:8080' })).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({ code: 'INVALID_URL' }),
    });
  });

  it('points REST at a local venue, keeping the paths', async () => {
    const http = createFakeHttp([
      {
        path: /.*/,
        answers: [{ status: 400, body: { code: -2013, msg: 'Order does not exist.' } }],
      },
    ]);
    const made = getCcxtExchange({
      exchangeId: 'binance',
      url: 'http://127.0.0.1:8765',
      credentials: { apiKey: 'k', secret: 's' },
      markets: MARKETS.binance,
      timing: { createDeadlineMs: 0, settleMarginMs: 0 },
      ccxtOptions: { fetchImplementation: http.fetchImplementation },
    });
    if (made._tag === 'Left') throw new Error(made.left.message);
    await made.right.lookup('sot1r0k3j9x2ab7qfe41mz', 'BTC/USDT');
    await made.right.lookup('sot1r0k3j9x2ab7qfe41mz', 'BTC/USDT:USDT');
    expect(http.requests.map((r) => `${r.url.origin}${r.url.pathname}`)).toEqual([
      'http://127.0.0.1:8765/api/v3/order',
      'http://127.0.0.1:8765/fapi/v1/order',
    ]);
  });
});

describe('ticks', () => {
  const trade = (price: number, timestamp: number) =>
    ({ price, timestamp, amount: 0.1, symbol: 'BTC/USDT' }) as Trade;

  it('turns public trades into core ticks and keeps watching through a disconnect', async () => {
    let call = 0;
    const watchTrades = async (): Promise<Trade[]> => {
      call += 1;
      if (call === 1) return [trade(50000, 1_000), trade(50001.5, 1_001)];
      if (call === 2) throw new ccxt.NetworkError('binance connection closed');
      if (call === 3) return [trade(49990, 1_050)];
      return new Promise<Trade[]>(() => undefined);
    };
    const { exchange } = testVenue('binance', [], { ccxtOptions: { watchTrades } });
    const ticks = await firstValueFrom(exchange.ticks$(['BTC/USDT']).pipe(take(3), toArray()));
    expect(ticks).toEqual([
      { type: 'Tick', symbol: 'BTC/USDT', ts: 1_000, price: 50000 },
      { type: 'Tick', symbol: 'BTC/USDT', ts: 1_001, price: 50001.5 },
      { type: 'Tick', symbol: 'BTC/USDT', ts: 1_050, price: 49990 },
    ]);
    await exchange.close();
  });

  it('takes last, bid and ask from the ticker when asked to', async () => {
    const watchTicker = async () => ({
      symbol: 'BTC/USDT',
      timestamp: 2_000,
      last: 50000,
      bid: 49999.9,
      ask: 50000.1,
      info: {},
    });
    const { exchange } = testVenue('binance', [], {
      ccxtOptions: { watchTicker },
      tickSource: 'ticker',
    });
    expect(await firstValueFrom(exchange.ticks$(['BTC/USDT']))).toEqual({
      type: 'Tick',
      symbol: 'BTC/USDT',
      ts: 2_000,
      price: 50000,
      bid: 49999.9,
      ask: 50000.1,
    });
    await exchange.close();
  });
});
