import type { Exchange, Order } from 'ccxt';
import { ccxt } from './ccxtModule';
import type { CcxtExchangeId } from './exchangeIds';
import type { ExchangeReport } from '@smart-orders/engine';
import { createOrderTracker } from './orderTracker';
import { lookupByClientOrderId } from './lookupByClientOrderId';
import { createFakeHttp } from './testing/fakeHttp';
import { MARKETS } from './testing/markets';
import { credentialsFor } from './testing/testVenue';
import { wireClientOrderId } from './wireClientOrderId';

/**
 * Each venue's answer as the venue sends it, parsed by ccxt's own parser of that venue (the
 * class the adapter runs), then folded by the adapter's tracker into execution reports: the fee
 * of every fill is what ccxt read from the answer (SEMANTICS §9.1).
 */
const cid = 'sot1r0k3j9x2ab7qfe41mz';

const wireOf = (id: CcxtExchangeId): string => {
  const w = wireClientOrderId(id, cid);
  if (w._tag === 'Left') throw new Error(w.left.message);
  return w.right;
};

const venue = (id: CcxtExchangeId): Exchange => {
  const e = new (ccxt.pro as unknown as Record<string, new (o: object) => Exchange>)[id]!({});
  e.setMarkets([...MARKETS[id]]);
  return e;
};

const trades = (id: CcxtExchangeId, views: readonly Order[]): ExchangeReport[] => {
  const tracker = createOrderTracker(id, () => 1);
  const wire = wireOf(id);
  tracker.track({ clientOrderId: cid, wire, symbol: 'BTC/USDT', contractSize: 1, sentAt: 0 });
  return views.flatMap((v) => tracker.observe(v, 0)).filter((r) => r.execType === 'TRADE');
};

const feesOf = (id: CcxtExchangeId, views: readonly Order[]) =>
  trades(id, views).map((r) => [r.lastQuantity, r.fee]);

const parsed = (id: CcxtExchangeId, raw: object): Order => {
  const e = venue(id);
  return e.parseOrder(raw, e.markets!['BTC/USDT']);
};

const ts = { created: 1_700_000_000_100, updated: 1_700_000_000_200 };

describe('the fee of every fill, read from what ccxt parses of each venue (SEMANTICS §9.1)', () => {
  it('binance: the commission of each execution on the stream, in the asset Binance took it', () => {
    const e = venue('binance');
    const execution = (last: string, cum: string, fee: string, status: string) =>
      (e as unknown as { parseWsOrder(o: object, m: unknown): Order }).parseWsOrder(
        {
          e: 'executionReport',
          E: ts.updated,
          s: 'BTCUSDT',
          c: wireOf('binance'),
          S: 'BUY',
          o: 'MARKET',
          f: 'GTC',
          q: '0.01000000',
          p: '0',
          P: '0',
          F: '0',
          g: -1,
          C: '',
          x: 'TRADE',
          X: status,
          r: 'NONE',
          i: 28,
          l: last,
          z: cum,
          L: '50000.00',
          n: fee,
          N: 'BTC',
          T: ts.updated,
          t: 1,
          I: 1,
          w: false,
          m: false,
          M: true,
          O: ts.created,
          Z: '0',
          Y: '0',
          Q: '0',
        },
        e.markets!['BTC/USDT'],
      );
    expect(
      feesOf('binance', [
        execution('0.00600000', '0.00600000', '0.00000600', 'PARTIALLY_FILLED'),
        execution('0.00400000', '0.01000000', '0.00000400', 'FILLED'),
      ]),
    ).toEqual([
      [0.006, { amount: 0.000006, asset: 'BTC' }],
      [0.004, { amount: 0.000004, asset: 'BTC' }],
    ]);
  });

  it('binance: a stream view of an order ccxt has cached carries the sum of its fees so far; each part is charged its own n', () => {
    const e = venue('binance');
    // What ccxt.pro's handleMyTrade and handleOrder make of the second of two executions: the
    // cached order's fee, the two commissions added up (and rounded to the currency), on a view
    // whose info is the second execution report.
    const view = (last: string, cum: string, n: string, summed: number, status: string) => ({
      ...(e as unknown as { parseWsOrder(o: object, m: unknown): Order }).parseWsOrder(
        {
          e: 'executionReport',
          E: ts.updated,
          s: 'BTCUSDT',
          c: wireOf('binance'),
          S: 'BUY',
          o: 'MARKET',
          f: 'GTC',
          q: '0.01000000',
          x: 'TRADE',
          X: status,
          i: 28,
          l: last,
          z: cum,
          L: '50000.00',
          n,
          N: 'BTC',
          T: ts.updated,
          t: 1,
          O: ts.created,
        },
        e.markets!['BTC/USDT'],
      ),
      fee: { cost: summed, currency: 'BTC' },
      fees: [{ cost: summed, currency: 'BTC' }],
    });
    expect(
      feesOf('binance', [
        view('0.00600000', '0.00600000', '0.00000600', 0.000006, 'PARTIALLY_FILLED'),
        view('0.00400000', '0.01000000', '0.00000400', 0.00001, 'FILLED'),
      ]),
    ).toEqual([
      [0.006, { amount: 0.000006, asset: 'BTC' }],
      [0.004, { amount: 0.000004, asset: 'BTC' }],
    ]);
  });

  it('binance: when ccxt hands over only the last of several views of an order, the fee of every part it covers is charged, from ccxt’s sum', () => {
    const e = venue('binance');
    const view = {
      ...(e as unknown as { parseWsOrder(o: object, m: unknown): Order }).parseWsOrder(
        {
          e: 'executionReport',
          E: ts.updated,
          s: 'BTCUSDT',
          c: wireOf('binance'),
          S: 'BUY',
          o: 'MARKET',
          f: 'GTC',
          q: '0.01000000',
          x: 'TRADE',
          X: 'FILLED',
          i: 28,
          l: '0.00400000',
          z: '0.01000000',
          L: '50000.00',
          n: '0.00000400',
          N: 'BTC',
          T: ts.updated,
          t: 2,
          O: ts.created,
        },
        e.markets!['BTC/USDT'],
      ),
      fee: { cost: 0.00001, currency: 'BTC' },
      fees: [{ cost: 0.00001, currency: 'BTC' }],
    };
    expect(feesOf('binance', [view])).toEqual([[0.01, { amount: 0.00001, asset: 'BTC' }]]);
  });

  describe('binance: views coalesced by ccxt.pro’s own stream handler', () => {
    // The execution reports Binance sends for a market buy of 1 BTC filled in parts at 10 bps,
    // handed to the handler ccxt.pro runs on the user-data stream; the tracker reads ccxt's
    // cached order when it looks, which may be after several reports.
    const report = (x: string, l: string, z: string, t: number) => ({
      e: 'executionReport',
      E: ts.updated,
      s: 'BTCUSDT',
      c: wireOf('binance'),
      S: 'BUY',
      o: 'MARKET',
      f: 'GTC',
      q: '1.00000000',
      x,
      X: x === 'NEW' ? 'NEW' : z === '1.00000000' ? 'FILLED' : 'PARTIALLY_FILLED',
      i: 28,
      l,
      z,
      L: '50000.00',
      n: (Number(l) / 1000).toFixed(8),
      N: 'BTC',
      T: ts.updated,
      t,
      O: ts.created,
      m: false,
    });
    // ccxt.pro's handler fed the reports, and the adapter's tracker of the order, which looks at
    // ccxt's cached order when told to and keeps the fills it reports.
    const stream = () => {
      const e = venue('binance') as unknown as Exchange & {
        handleOrderUpdate(client: object, message: object): void;
        orders: { hashmap: Record<string, Record<string, Order>> };
      };
      const client = { resolve: () => undefined, reject: () => undefined };
      const view = (): Order => e.orders.hashmap['BTC/USDT']!['28']!;
      const tracker = createOrderTracker('binance', () => 1);
      tracker.track({
        clientOrderId: cid,
        wire: wireOf('binance'),
        symbol: 'BTC/USDT',
        contractSize: 1,
        sentAt: 0,
      });
      return {
        send: (...messages: object[]) => messages.forEach((m) => e.handleOrderUpdate(client, m)),
        view,
        look: (): ExchangeReport[] =>
          tracker.observe(view(), 0).filter((r) => r.execType === 'TRADE'),
      };
    };

    it('each part covered by a late look is charged its exact commission, not ccxt’s truncated sum', () => {
      const { send, view, look } = stream();
      send(
        report('NEW', '0.00000000', '0.00000000', 0),
        report('TRADE', '0.00370000', '0.00370000', 1),
      );
      const seen = look();
      send(
        report('TRADE', '0.01910000', '0.02280000', 2),
        report('TRADE', '0.12180000', '0.14460000', 3),
        report('TRADE', '0.85540000', '1.00000000', 4),
      );
      seen.push(...look());
      // What ccxt itself summed: the float sum, truncated to the currency's precision.
      expect(view().fee?.cost).toBeLessThan(0.001);
      expect(seen.map((r) => [r.lastQuantity, r.fee])).toEqual([
        [0.0037, { amount: 0.0000037, asset: 'BTC' }],
        [0.9963, { amount: 0.0009963, asset: 'BTC' }],
      ]);
    });

    it('when ccxt cached the order after its first fill, a look covering that fill falls back to ccxt’s sum', () => {
      const { send, view, look } = stream();
      send(
        report('TRADE', '0.40000000', '0.40000000', 1),
        report('TRADE', '0.60000000', '1.00000000', 2),
      );
      const [fill] = look();
      expect(view().trades?.length).toBe(1);
      expect(fill?.lastQuantity).toBe(1);
      // ccxt's record holds the second execution only, which does not make up the 1 BTC the
      // look covers: the fee is the sum ccxt kept in the order's fees.
      expect(fill?.fee).toEqual({ amount: 0.001, asset: 'BTC' });
    });
  });

  it('binance: the fills of the FULL create answer, each with its commission', () => {
    const order = parsed('binance', {
      symbol: 'BTCUSDT',
      orderId: 28,
      clientOrderId: cid,
      transactTime: ts.created,
      price: '0',
      origQty: '0.01',
      executedQty: '0.01',
      cummulativeQuoteQty: '500',
      status: 'FILLED',
      timeInForce: 'GTC',
      type: 'MARKET',
      side: 'SELL',
      fills: [
        { price: '50000', qty: '0.006', commission: '0.3', commissionAsset: 'USDT', tradeId: 1 },
        { price: '50000', qty: '0.004', commission: '0.2', commissionAsset: 'USDT', tradeId: 2 },
      ],
    });
    expect(feesOf('binance', [order])).toEqual([[0.01, { amount: 0.5, asset: 'USDT' }]]);
  });

  it('bybit: cumFeeDetail when given, else cumExecFee in the asset the fill received', () => {
    const order = (more: object) =>
      parsed('bybit', {
        orderId: '1',
        orderLinkId: cid,
        symbol: 'BTCUSDT',
        side: 'Buy',
        orderType: 'Market',
        price: '0',
        qty: '0.01',
        cumExecQty: '0.01',
        cumExecValue: '500',
        avgPrice: '50000',
        orderStatus: 'Filled',
        createdTime: String(ts.created),
        updatedTime: String(ts.updated),
        timeInForce: 'IOC',
        ...more,
      });
    expect(feesOf('bybit', [order({ cumExecFee: '0.00001' })])).toEqual([
      [0.01, { amount: 0.00001, asset: 'BTC' }],
    ]);
    expect(
      feesOf('bybit', [order({ cumExecFee: '0.00001', cumFeeDetail: { MNT: '0.02' } })]),
    ).toEqual([[0.01, { amount: 0.02, asset: 'MNT' }]]);
  });

  it('okx: the order’s accumulated fee, negative on the wire, as a cost', () => {
    const view = (filled: string, fee: string) =>
      parsed('okx', {
        instId: 'BTC-USDT',
        ordId: '1',
        clOrdId: wireOf('okx'),
        side: 'buy',
        ordType: 'market',
        sz: '0.01',
        accFillSz: filled,
        avgPx: '50000',
        fee,
        feeCcy: 'BTC',
        state: filled === '0.01' ? 'filled' : 'partially_filled',
        cTime: String(ts.created),
        uTime: String(ts.updated),
        px: '',
      });
    expect(feesOf('okx', [view('0.004', '-0.000004'), view('0.01', '-0.00001')])).toEqual([
      [0.004, { amount: 0.000004, asset: 'BTC' }],
      [0.006, { amount: 0.000006, asset: 'BTC' }],
    ]);
  });

  it('gate: fee and fee_currency of the order', () => {
    const order = parsed('gate', {
      id: '1',
      text: wireOf('gate'),
      create_time_ms: ts.created,
      update_time_ms: ts.updated,
      status: 'closed',
      currency_pair: 'BTC_USDT',
      type: 'limit',
      side: 'sell',
      amount: '0.01',
      price: '50000',
      left: '0',
      filled_total: '500',
      avg_deal_price: '50000',
      fee: '1',
      fee_currency: 'USDT',
      finish_as: 'filled',
    });
    expect(feesOf('gate', [order])).toEqual([[0.01, { amount: 1, asset: 'USDT' }]]);
  });

  it('bitget: the totalFee of feeDetail, negative on the wire, as a cost', () => {
    const order = parsed('bitget', {
      orderId: '1',
      clientOid: wireOf('bitget'),
      symbol: 'BTCUSDT',
      side: 'buy',
      orderType: 'limit',
      size: '0.01',
      price: '50000',
      priceAvg: '50000',
      baseVolume: '0.01',
      quoteVolume: '500',
      status: 'filled',
      cTime: String(ts.created),
      uTime: String(ts.updated),
      feeDetail:
        '{"newFees":{"c":0,"d":0,"deduction":false,"r":-0.00001,"t":-0.00001,"totalDeductionFee":0},"BTC":{"deduction":false,"feeCoinCode":"BTC","totalDeductionFee":0,"totalFee":-0.00001}}',
    });
    expect(feesOf('bitget', [order])).toEqual([[0.01, { amount: 0.00001, asset: 'BTC' }]]);
  });

  it('kucoin: fee and feeCurrency of the order', () => {
    const order = parsed('kucoin', {
      id: '1',
      clientOid: wireOf('kucoin'),
      symbol: 'BTC-USDT',
      type: 'market',
      side: 'buy',
      size: '0.01',
      dealSize: '0.01',
      dealFunds: '500',
      fee: '0.5',
      feeCurrency: 'USDT',
      isActive: false,
      cancelExist: false,
      createdAt: ts.created,
    });
    expect(feesOf('kucoin', [order])).toEqual([[0.01, { amount: 0.5, asset: 'USDT' }]]);
  });

  it('kraken: the order’s fee, which carries no currency, in the quote', () => {
    const order = parsed('kraken', {
      status: 'closed',
      userref: 0,
      cl_ord_id: wireOf('kraken'),
      opentm: ts.created / 1000,
      closetm: ts.updated / 1000,
      descr: { pair: 'XBTUSDT', type: 'buy', ordertype: 'market', price: '0' },
      vol: '0.01',
      vol_exec: '0.01',
      cost: '500',
      fee: '0.8',
      price: '50000',
      id: 'O1',
    });
    expect(feesOf('kraken', [order])).toEqual([[0.01, { amount: 0.8, asset: 'USDT' }]]);
  });

  it('coinbase: total_fees of the order, in the quote', () => {
    const order = parsed('coinbase', {
      order_id: '1',
      product_id: 'BTC-USDT',
      side: 'BUY',
      client_order_id: wireOf('coinbase'),
      status: 'FILLED',
      order_configuration: { market_market_ioc: { base_size: '0.01' } },
      created_time: '2023-11-14T22:13:20.100Z',
      filled_size: '0.01',
      average_filled_price: '50000',
      total_fees: '0.6',
      filled_value: '500',
    });
    expect(feesOf('coinbase', [order])).toEqual([[0.01, { amount: 0.6, asset: 'USDT' }]]);
  });

  it('reports a fill without a fee when the answer says nothing of fees (Binance’s REST order)', () => {
    const order = parsed('binance', {
      symbol: 'BTCUSDT',
      orderId: 28,
      clientOrderId: cid,
      time: ts.created,
      updateTime: ts.updated,
      price: '0',
      origQty: '0.01',
      executedQty: '0.01',
      cummulativeQuoteQty: '500',
      status: 'FILLED',
      timeInForce: 'GTC',
      type: 'MARKET',
      side: 'BUY',
    });
    expect(trades('binance', [order])[0]).not.toHaveProperty('fee');
  });

  it('binance: a fill found by a lookup has its fee read from the order’s trades', async () => {
    const http = createFakeHttp([
      {
        method: 'GET',
        path: '/api/v3/order',
        answers: [
          {
            body: {
              symbol: 'BTCUSDT',
              orderId: 28,
              clientOrderId: cid,
              time: ts.created,
              updateTime: ts.updated,
              price: '0',
              origQty: '0.01',
              executedQty: '0.01',
              cummulativeQuoteQty: '500',
              status: 'FILLED',
              timeInForce: 'GTC',
              type: 'MARKET',
              side: 'BUY',
            },
          },
        ],
      },
      {
        method: 'GET',
        path: '/api/v3/myTrades',
        answers: [
          {
            body: [
              {
                symbol: 'BTCUSDT',
                id: 1,
                orderId: 28,
                price: '50000',
                qty: '0.006',
                quoteQty: '300',
                commission: '0.000006',
                commissionAsset: 'BTC',
                time: ts.updated,
                isBuyer: true,
                isMaker: false,
                isBestMatch: true,
              },
              {
                symbol: 'BTCUSDT',
                id: 2,
                orderId: 28,
                price: '50000',
                qty: '0.004',
                quoteQty: '200',
                commission: '0.000004',
                commissionAsset: 'BTC',
                time: ts.updated,
                isBuyer: true,
                isMaker: false,
                isBestMatch: true,
              },
            ],
          },
        ],
      },
    ]);
    const exchange = new (ccxt as unknown as Record<string, new (o: object) => Exchange>).binance!({
      ...credentialsFor('binance'),
      fetchImplementation: http.fetchImplementation,
      enableRateLimit: false,
    });
    exchange.setMarkets([...MARKETS.binance]);
    const found = await lookupByClientOrderId({
      exchange,
      exchangeId: 'binance',
      symbol: 'BTC/USDT',
      wire: cid,
      since: 0,
    });
    expect(http.to('GET', '/api/v3/myTrades')).toHaveLength(1);
    expect(feesOf('binance', [found as Order])).toEqual([
      [0.01, { amount: 0.00001, asset: 'BTC' }],
    ]);
  });
});
