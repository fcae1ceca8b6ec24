import { isLeft } from 'fp-ts/Either';
import { NO_FEES } from '@smart-orders/core';
import { createAccount } from './account';
import type { ExecutionReport } from './executionReport';
import { createMarketFills } from './marketFills';
import { createMatchingEngine, createOrderIds } from './matchingEngine';
import type { NewOrderRequest } from './orderRequest';
import { SYMBOL, T0 } from './testing/venueFixtures.spec.helper';
import { venueMarket } from './venueMarket';
import type { VenueTick } from './venueTick';

const market = (() => {
  const m = venueMarket(SYMBOL);
  if (isLeft(m)) throw new Error(m.left.message);
  return m.right;
})();

/** An engine on a book of 99.5 / 100.5 (last 100), with 1000 USDT and 1 BTC. */
const setup = () => {
  const reports: ExecutionReport[] = [];
  const account = createAccount({ USDT: 1000, BTC: 1 });
  let tradeId = 0;
  const engine = createMatchingEngine({
    market,
    account,
    marketClosed: () => false,
    clock: () => T0,
    orderIds: createOrderIds(),
    nextTradeId: () => ++tradeId,
    listener: { execution: (r) => reports.push(r), account: () => undefined },
    fills: createMarketFills(market.symbol, { fees: NO_FEES }),
    printed: () => undefined,
  });
  engine.applyTick({ type: 'Tick', symbol: SYMBOL, ts: T0, price: 100, bid: 99.5, ask: 100.5 });
  const place = (o: Partial<NewOrderRequest> & Pick<NewOrderRequest, 'side' | 'type'>) => {
    const placed = engine.place({
      symbol: 'BTCUSDT',
      timeInForce: 'GTC',
      quantity: 1,
      quoteOrderQty: null,
      price: null,
      stopPrice: null,
      newClientOrderId: 'amend-me',
      responseType: 'ACK',
      ...o,
    });
    if (isLeft(placed)) throw new Error(placed.left.msg);
    return placed.right.order;
  };
  const free = (asset: string) => account.lines().find((b) => b.asset === asset)?.free;
  const tick = (q: Omit<VenueTick, 'type' | 'symbol' | 'ts'>) =>
    engine.applyTick({ type: 'Tick', symbol: SYMBOL, ts: T0 + 1000, ...q } as VenueTick);
  return { engine, reports, place, free, tick };
};

describe('amending a working order in place', () => {
  it('keeps its ids and time, locks what the new quantity and price need, and reports REPLACED', () => {
    const { engine, reports, place, free } = setup();
    const order = place({ side: 'BUY', type: 'LIMIT', price: 90 });
    expect(free('USDT')).toBe(910);
    const amended = engine.amend({ clientOrderId: 'amend-me' }, { quantity: 2, price: 91 });
    expect(amended).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        orderId: order.orderId,
        clientOrderId: 'amend-me',
        time: order.time,
        quantity: 2,
        price: 91,
        status: 'NEW',
      }),
    });
    expect(free('USDT')).toBe(818);
    expect(reports.map((r) => r.execType)).toEqual(['NEW', 'REPLACED']);
  });

  it('moves a stop that then triggers at its new price, not its old one', () => {
    const { engine, place, tick } = setup();
    place({ side: 'SELL', type: 'STOP_LOSS', stopPrice: 98 });
    engine.amend({ clientOrderId: 'amend-me' }, { stopPrice: 96 });
    tick({ price: 97, bid: 96.5, ask: 97.5 });
    expect(engine.orders()[0]).toEqual(expect.objectContaining({ status: 'NEW', stopPrice: 96 }));
    tick({ price: 95, bid: 94.5, ask: 95.5 });
    expect(engine.orders()[0]).toEqual(expect.objectContaining({ status: 'FILLED' }));
  });

  it('fills a limit moved across the book at once, as a taker', () => {
    const { engine, place } = setup();
    place({ side: 'BUY', type: 'LIMIT', price: 90 });
    engine.amend({ clientOrderId: 'amend-me' }, { price: 101 });
    expect(engine.orders()[0]).toEqual(
      // At the tick's trade price, as the fill model fills a taker (the ask only without one).
      expect.objectContaining({ status: 'FILLED', cumulativeQuoteQty: 100 }),
    );
  });

  it('refuses, leaving the order as it was: a stop moved past the price, more than the balance, an ended order', () => {
    const { engine, place, free } = setup();
    place({ side: 'SELL', type: 'STOP_LOSS', stopPrice: 98 });
    const passed = engine.amend({ clientOrderId: 'amend-me' }, { stopPrice: 101 });
    expect(isLeft(passed) && passed.left.msg).toBe('Stop price would trigger immediately.');
    const tooMuch = engine.amend({ clientOrderId: 'amend-me' }, { quantity: 2 });
    expect(isLeft(tooMuch) && tooMuch.left.code).toBe(-2010);
    expect(engine.orders()[0]).toEqual(expect.objectContaining({ quantity: 1, stopPrice: 98 }));
    expect(free('BTC')).toBe(0);
    engine.cancel({ clientOrderId: 'amend-me' }, 'c-1');
    const ended = engine.amend({ clientOrderId: 'amend-me' }, { stopPrice: 97 });
    expect(isLeft(ended) && ended.left.code).toBe(-2011);
  });
});
