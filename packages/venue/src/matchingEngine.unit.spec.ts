import { isLeft, isRight, type Either } from 'fp-ts/Either';
import { DEFAULT_FEE_SCHEDULE, NO_FEES, type FillModelConfig } from '@smart-orders/core';
import { createAccount } from './account';
import type { BinanceError } from './binanceError';
import type { ExecutionReport } from './executionReport';
import { createMarketFills } from './marketFills';
import {
  createMatchingEngine,
  createOrderIds,
  type MatchingEngine,
  type PlaceResult,
} from './matchingEngine';
import type { NewOrderRequest } from './orderRequest';
import { SYMBOL, T0 } from './testing/venueFixtures.spec.helper';
import { venueMarket } from './venueMarket';
import type { VenueTick } from './venueTick';

const market = (() => {
  const m = venueMarket(SYMBOL);
  if (isLeft(m)) throw new Error(m.left.message);
  return m.right;
})();

const setup = (
  balances: Record<string, number>,
  closed: (now: number) => boolean = () => false,
  fills: Partial<FillModelConfig> = { fees: NO_FEES },
) => {
  const prints: number[] = [];
  const reports: ExecutionReport[] = [];
  const account = createAccount(balances);
  let tradeId = 0;
  let now = 0;
  const engine = createMatchingEngine({
    market,
    account,
    marketClosed: closed,
    clock: () => now,
    orderIds: createOrderIds(),
    nextTradeId: () => ++tradeId,
    listener: { execution: (r) => reports.push(r), account: () => undefined },
    fills: createMarketFills(market.symbol, fills),
    printed: (t) => prints.push(t.id),
  });
  const tick = (ts: number, q: Omit<VenueTick, 'type' | 'symbol' | 'ts'>) => {
    now = T0 + ts;
    engine.applyTick({ type: 'Tick', symbol: SYMBOL, ts: now, ...q } as VenueTick);
  };
  return { engine, account, reports, tick, prints };
};

const order = (
  o: Partial<NewOrderRequest> & Pick<NewOrderRequest, 'side' | 'type'>,
): NewOrderRequest => ({
  symbol: 'BTCUSDT',
  timeInForce: 'GTC',
  quantity: 1,
  quoteOrderQty: null,
  price: null,
  stopPrice: null,
  newClientOrderId: null,
  responseType: 'FULL',
  ...o,
});

const placed = (e: Either<BinanceError, PlaceResult>): PlaceResult => {
  if (isLeft(e)) throw new Error(`refused: ${e.left.msg}`);
  return e.right;
};

const refusal = (e: Either<BinanceError, unknown>): BinanceError | null =>
  isLeft(e) ? e.left : null;

const status = (engine: MatchingEngine, orderId: number) =>
  engine.orders().find((o) => o.orderId === orderId)?.status;

describe('matching engine', () => {
  it("charges the fill model's fees as Binance spot does: a taker buy in the base asset it receives, a maker sell in quote; each fill printed", () => {
    const { engine, account, tick, prints } = setup({ USDT: 1000, BTC: 0 }, () => false, {
      fees: { ...DEFAULT_FEE_SCHEDULE, makerBps: 2 },
    });
    tick(0, { price: 100, bid: 99.5, ask: 100.5 });
    const buy = placed(engine.place(order({ side: 'BUY', type: 'MARKET' })));
    expect(buy.fills).toEqual([
      expect.objectContaining({ commission: 0.001, commissionAsset: 'BTC', isMaker: false }),
    ]);
    // Selling the whole lot bought would be more than the account holds after the fee.
    expect(refusal(engine.place(order({ side: 'SELL', type: 'LIMIT', price: 110 })))?.code).toBe(
      -2010,
    );
    placed(engine.place(order({ side: 'SELL', type: 'LIMIT', price: 110, quantity: 0.999 })));
    tick(1, { price: 111, bid: 110.5, ask: 111.5 });
    expect(engine.trades()[1]).toEqual(
      expect.objectContaining({ commission: 0.021978, commissionAsset: 'USDT', isMaker: true }),
    );
    // 1000 − 100 + 0.999 × 110 × (1 − 0.0002)
    expect(account.lines()).toEqual([
      { asset: 'USDT', free: 1009.868022, locked: 0 },
      { asset: 'BTC', free: 0, locked: 0 },
    ]);
    expect(prints).toEqual(engine.trades().map((t) => t.id));
  });

  it("fills market orders at the tick's trade price, as the fill model does, and at the ask or bid of a quote tick", () => {
    const { engine, account, tick } = setup({ USDT: 1000, BTC: 0 });
    tick(0, { price: 100, bid: 99.5, ask: 100.5 });
    const first = placed(engine.place(order({ side: 'BUY', type: 'MARKET' })));
    expect(first.fills.map((f) => f.price)).toEqual([100]);
    placed(engine.place(order({ side: 'SELL', type: 'MARKET' })));
    tick(1, { bid: 99.5, ask: 100.5 });
    const buy = placed(engine.place(order({ side: 'BUY', type: 'MARKET' })));
    expect(buy.fills.map((f) => f.price)).toEqual([100.5]);
    expect(buy.order.status).toBe('FILLED');
    const sell = placed(engine.place(order({ side: 'SELL', type: 'MARKET' })));
    expect(sell.fills.map((f) => f.price)).toEqual([99.5]);
    expect(account.lines()).toEqual([
      { asset: 'USDT', free: 999, locked: 0 },
      { asset: 'BTC', free: 0, locked: 0 },
    ]);
  });

  it('fills at the last price when the recording has no book', () => {
    const { engine, tick } = setup({ USDT: 1000, BTC: 0 });
    tick(0, { price: 100 });
    expect(placed(engine.place(order({ side: 'BUY', type: 'MARKET' }))).fills[0]?.price).toBe(100);
  });

  it('sizes a quoteOrderQty market buy down to the lot step', () => {
    const { engine, tick } = setup({ USDT: 1000, BTC: 0 });
    tick(0, { price: 300, bid: 299, ask: 300 });
    const buy = placed(
      engine.place(order({ side: 'BUY', type: 'MARKET', quantity: null, quoteOrderQty: 100 })),
    );
    expect(buy.order.quantity).toBe(0.33333);
  });

  it('rests a limit buy and fills it at the limit when a later tick crosses', () => {
    const { engine, account, tick, reports } = setup({ USDT: 1000, BTC: 0 });
    tick(0, { price: 100, bid: 99.5, ask: 100.5 });
    const limit = placed(engine.place(order({ side: 'BUY', type: 'LIMIT', price: 98 })));
    expect(limit.order.status).toBe('NEW');
    expect(account.lines()[0]).toEqual({ asset: 'USDT', free: 902, locked: 98 });
    tick(1, { price: 98.6, bid: 98.1, ask: 98.6 });
    expect(status(engine, 1)).toBe('NEW');
    tick(2, { price: 97.5, bid: 97, ask: 97.5 });
    expect(status(engine, 1)).toBe('FILLED');
    expect(engine.trades()).toEqual([
      expect.objectContaining({ price: 98, qty: 1, isMaker: true, time: T0 + 2 }),
    ]);
    expect(reports.map((r) => r.execType)).toEqual(['NEW', 'TRADE']);
    expect(account.lines()).toEqual([
      { asset: 'USDT', free: 902, locked: 0 },
      { asset: 'BTC', free: 1, locked: 0 },
    ]);
  });

  it('fills a marketable limit at once, at the better market price', () => {
    const { engine, tick } = setup({ USDT: 1000, BTC: 0 });
    tick(0, { price: 100, bid: 99.5, ask: 100.5 });
    const limit = placed(engine.place(order({ side: 'BUY', type: 'LIMIT', price: 105 })));
    expect(limit.fills).toEqual([expect.objectContaining({ price: 100, isMaker: false })]);
  });

  it('expires an IOC limit that cannot fill at once, and refuses a LIMIT_MAKER that would take', () => {
    const { engine, tick } = setup({ USDT: 1000, BTC: 0 });
    tick(0, { price: 100, bid: 99.5, ask: 100.5 });
    expect(
      placed(engine.place(order({ side: 'BUY', type: 'LIMIT', price: 99, timeInForce: 'IOC' })))
        .order.status,
    ).toBe('EXPIRED');
    expect(
      refusal(engine.place(order({ side: 'BUY', type: 'LIMIT_MAKER', price: 101 })))?.msg,
    ).toBe('Order would immediately match and take.');
  });

  it('triggers a stop-loss sell when the price falls to the stop and sells at that tick', () => {
    const { engine, tick } = setup({ USDT: 0, BTC: 1 });
    tick(0, { price: 100, bid: 99.5, ask: 100.5 });
    placed(engine.place(order({ side: 'SELL', type: 'STOP_LOSS', stopPrice: 95 })));
    tick(1, { price: 95.01, bid: 95, ask: 95.5 });
    expect(status(engine, 1)).toBe('NEW');
    tick(2, { price: 94.8, bid: 94.5, ask: 95.5 });
    expect(status(engine, 1)).toBe('FILLED');
    expect(engine.trades()[0]?.price).toBe(94.8);
  });

  it('triggers a take-profit sell when the price rises to the stop', () => {
    const { engine, tick } = setup({ USDT: 0, BTC: 1 });
    tick(0, { price: 100 });
    placed(engine.place(order({ side: 'SELL', type: 'TAKE_PROFIT', stopPrice: 110 })));
    tick(1, { price: 109 });
    expect(status(engine, 1)).toBe('NEW');
    tick(2, { price: 110.5 });
    expect(engine.trades()[0]?.price).toBe(110.5);
  });

  it('turns a triggered stop-loss-limit into a resting limit', () => {
    const { engine, tick } = setup({ USDT: 0, BTC: 1 });
    tick(0, { price: 100, bid: 99.5, ask: 100.5 });
    placed(
      engine.place(order({ side: 'SELL', type: 'STOP_LOSS_LIMIT', stopPrice: 95, price: 94 })),
    );
    expect(engine.orders()[0]?.triggered).toBe(false);
    // Quotes only: the bid triggers the stop and stays under the limit, so the limit rests.
    tick(1, { bid: 93, ask: 95 });
    expect(engine.orders()[0]).toEqual(expect.objectContaining({ status: 'NEW', triggered: true }));
    tick(2, { bid: 94.1, ask: 94.3 });
    expect(engine.trades()[0]).toEqual(expect.objectContaining({ price: 94, isMaker: true }));
  });

  it('refuses a stop that would trigger immediately', () => {
    const { engine, tick } = setup({ USDT: 0, BTC: 1 });
    tick(0, { price: 100 });
    expect(
      refusal(engine.place(order({ side: 'SELL', type: 'STOP_LOSS', stopPrice: 101 })))?.msg,
    ).toBe('Stop price would trigger immediately.');
  });

  it('locks the base of a resting sell, so a second sell of the same coins is refused', () => {
    const { engine, tick } = setup({ USDT: 0, BTC: 1 });
    tick(0, { price: 100 });
    placed(engine.place(order({ side: 'SELL', type: 'LIMIT', price: 110 })));
    expect(
      refusal(engine.place(order({ side: 'SELL', type: 'STOP_LOSS', stopPrice: 90 }))),
    ).toEqual({
      status: 400,
      code: -2010,
      msg: 'Account has insufficient balance for requested action.',
    });
    expect(isRight(engine.cancel({ orderId: 1 }, 'c1'))).toBe(true);
    expect(isRight(engine.place(order({ side: 'SELL', type: 'STOP_LOSS', stopPrice: 90 })))).toBe(
      true,
    );
  });

  it('refuses a client order id already used by an open order, and accepts it again once that order is done', () => {
    const { engine, tick } = setup({ USDT: 1000, BTC: 0 });
    tick(0, { price: 100 });
    placed(
      engine.place(order({ side: 'BUY', type: 'LIMIT', price: 90, newClientOrderId: 'same' })),
    );
    expect(
      refusal(
        engine.place(order({ side: 'BUY', type: 'LIMIT', price: 91, newClientOrderId: 'same' })),
      )?.msg,
    ).toBe('Duplicate order sent.');
    engine.cancel({ clientOrderId: 'same' }, 'c1');
    expect(
      isRight(
        engine.place(order({ side: 'BUY', type: 'LIMIT', price: 91, newClientOrderId: 'same' })),
      ),
    ).toBe(true);
  });

  it('enforces PRICE_FILTER, LOT_SIZE and NOTIONAL', () => {
    const { engine, tick } = setup({ USDT: 1000, BTC: 0 });
    tick(0, { price: 100 });
    const msg = (o: NewOrderRequest) => refusal(engine.place(o))?.msg;
    expect(msg(order({ side: 'BUY', type: 'LIMIT', price: 90.001 }))).toBe(
      'Filter failure: PRICE_FILTER',
    );
    expect(msg(order({ side: 'BUY', type: 'LIMIT', price: 90, quantity: 0.000001 }))).toBe(
      'Filter failure: LOT_SIZE',
    );
    expect(msg(order({ side: 'BUY', type: 'MARKET', quantity: 0.01 }))).toBe(
      'Filter failure: NOTIONAL',
    );
  });

  it('refuses market orders while the market is closed, limit orders still rest', () => {
    const { engine, tick } = setup({ USDT: 1000, BTC: 0 }, (now) => now >= T0 + 1 && now < T0 + 3);
    tick(1, { price: 100 });
    expect(refusal(engine.place(order({ side: 'BUY', type: 'MARKET' })))).toEqual({
      status: 400,
      code: -1013,
      msg: 'Market is closed.',
    });
    expect(isRight(engine.place(order({ side: 'BUY', type: 'LIMIT', price: 90 })))).toBe(true);
    tick(3, { price: 100 });
    expect(isRight(engine.place(order({ side: 'BUY', type: 'MARKET' })))).toBe(true);
  });

  it('expires a triggered buy stop whose fill costs more than the account holds', () => {
    const { engine, tick, reports } = setup({ USDT: 105, BTC: 0 });
    tick(0, { price: 100 });
    placed(engine.place(order({ side: 'BUY', type: 'STOP_LOSS', stopPrice: 104 })));
    tick(1, { price: 120 });
    expect(status(engine, 1)).toBe('EXPIRED');
    expect(reports.map((r) => r.execType)).toEqual(['NEW', 'EXPIRED']);
  });

  it('finds an order by client order id, the latest when the id was reused', () => {
    const { engine, tick } = setup({ USDT: 1000, BTC: 0 });
    tick(0, { price: 100 });
    placed(engine.place(order({ side: 'BUY', type: 'MARKET', newClientOrderId: 'x' })));
    placed(engine.place(order({ side: 'BUY', type: 'MARKET', newClientOrderId: 'x' })));
    const found = engine.find({ clientOrderId: 'x' });
    expect(isRight(found) && found.right.orderId).toBe(2);
    expect(refusal(engine.find({ orderId: 9 }))?.code).toBe(-2013);
  });
  it('fills no more than each tick printed, one print shared by the orders in creation order, the rest on later ticks', () => {
    const { engine, account, tick, reports, prints } = setup(
      { USDT: 1000, BTC: 0 },
      () => false,
      {},
    );
    tick(0, { price: 100, quantity: 0.3 });
    const first = placed(engine.place(order({ side: 'BUY', type: 'MARKET' })));
    expect(first.fills).toEqual([
      expect.objectContaining({ price: 100, qty: 0.3, commission: 0.0003, commissionAsset: 'BTC' }),
    ]);
    expect(first.order).toEqual(
      expect.objectContaining({ status: 'PARTIALLY_FILLED', executedQty: 0.3 }),
    );
    // Tick 0's print is spent: the second order waits for the next.
    const second = placed(engine.place(order({ side: 'BUY', type: 'MARKET', quantity: 0.5 })));
    expect(second.fills).toEqual([]);
    tick(1, { price: 101, quantity: 0.5 });
    expect(status(engine, 1)).toBe('PARTIALLY_FILLED');
    expect(status(engine, 2)).toBe('NEW');
    tick(2, { price: 102, quantity: 1 });
    expect(status(engine, 1)).toBe('FILLED');
    expect(status(engine, 2)).toBe('FILLED');
    expect(engine.trades().map((t) => [t.orderId, t.price, t.qty, t.commission])).toEqual([
      [1, 100, 0.3, 0.0003],
      [1, 101, 0.5, 0.0005],
      [1, 102, 0.2, 0.0002],
      [2, 102, 0.5, 0.0005],
    ]);
    const ofFirst = reports.filter((r) => r.order.orderId === 1);
    expect(
      ofFirst.map((r) => [r.execType, r.order.status, r.trade?.qty, r.order.executedQty]),
    ).toEqual([
      ['NEW', 'NEW', undefined, 0],
      ['TRADE', 'PARTIALLY_FILLED', 0.3, 0.3],
      ['TRADE', 'PARTIALLY_FILLED', 0.5, 0.8],
      ['TRADE', 'FILLED', 0.2, 1],
    ]);
    // 1000 − (30 + 50.5 + 20.4 + 51); 1.5 BTC less the 10 bps withheld from each part.
    expect(account.lines()).toEqual([
      { asset: 'USDT', free: 848.1, locked: 0 },
      { asset: 'BTC', free: 1.4985, locked: 0 },
    ]);
    expect(prints).toEqual(engine.trades().map((t) => t.id));
  });

  it('cancels the rest of an order filled in part, keeping what it filled', () => {
    const { engine, account, tick } = setup({ USDT: 0, BTC: 1 }, () => false, {});
    tick(0, { price: 100, quantity: 5 });
    placed(engine.place(order({ side: 'SELL', type: 'LIMIT', price: 110 })));
    tick(1, { price: 111, quantity: 0.25 });
    expect(status(engine, 1)).toBe('PARTIALLY_FILLED');
    const canceled = engine.cancel({ orderId: 1 }, 'c1');
    expect(isRight(canceled) && canceled.right).toEqual(
      expect.objectContaining({ status: 'CANCELED', executedQty: 0.25 }),
    );
    // 0.25 sold at the limit, a maker, 10 bps in USDT; the other 0.75 BTC free again.
    expect(account.lines()).toEqual([
      { asset: 'USDT', free: 27.4725, locked: 0 },
      { asset: 'BTC', free: 0.75, locked: 0 },
    ]);
  });

  it('with maxDeviationBps, a print far from the median neither triggers, nor fills, nor prices a market order', () => {
    const { engine, tick } = setup({ USDT: 1000, BTC: 1 }, () => false, {
      fees: NO_FEES,
      maxDeviationBps: 100,
    });
    tick(0, { price: 100 });
    tick(1, { price: 100.2 });
    placed(engine.place(order({ side: 'SELL', type: 'LIMIT', price: 110, quantity: 0.5 })));
    tick(2, { price: 120 });
    expect(status(engine, 1)).toBe('NEW');
    const buy = placed(engine.place(order({ side: 'BUY', type: 'MARKET', quantity: 0.5 })));
    expect(buy.fills.map((f) => f.price)).toEqual([100.2]);
  });

  it('with latencyMs, an order meets the first tick at or after its arrival plus the latency', () => {
    const { engine, tick } = setup({ USDT: 1000, BTC: 0 }, () => false, {
      fees: NO_FEES,
      latencyMs: 1500,
    });
    tick(0, { price: 100 });
    const buy = placed(engine.place(order({ side: 'BUY', type: 'MARKET' })));
    expect(buy.fills).toEqual([]);
    tick(1000, { price: 101 });
    expect(status(engine, 1)).toBe('NEW');
    tick(2000, { price: 102 });
    expect(engine.trades().map((t) => t.price)).toEqual([102]);
  });
});
