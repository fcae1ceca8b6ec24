import { event } from '../events/orderEvent';
import { activeOrder, exchangeOnly, stopCid, tick, tpCid } from '../testing/fixtures.spec.helper';
import { triggerPrice } from './triggerPrice';

describe('the price a tick triggers on (SEMANTICS §3)', () => {
  const book = {
    type: 'Tick' as const,
    symbol: 'BTC/USDT',
    ts: 1,
    price: 100,
    bid: 99.9,
    ask: 100.1,
  };

  it('is the last trade by default', () => {
    expect(triggerPrice(book, 'BUY', 'LAST')).toBe(100);
    expect(triggerPrice(book, 'SELL', 'LAST')).toBe(100);
  });

  it('is the bid for a long’s exits and the ask for a short’s when the book is the source', () => {
    expect(triggerPrice(book, 'BUY', 'BID_ASK')).toBe(99.9);
    expect(triggerPrice(book, 'SELL', 'BID_ASK')).toBe(100.1);
  });

  it('falls back to the book when a tick carries no price, and to the price when it carries no book', () => {
    expect(
      triggerPrice(
        { type: 'Tick', symbol: 'BTC/USDT', ts: 1, bid: 99.9, ask: 100.1 },
        'BUY',
        'LAST',
      ),
    ).toBe(99.9);
    expect(
      triggerPrice(
        { type: 'Tick', symbol: 'BTC/USDT', ts: 1, bid: 99.9, ask: 100.1 },
        'SELL',
        'LAST',
      ),
    ).toBe(100.1);
    expect(
      triggerPrice({ type: 'Tick', symbol: 'BTC/USDT', ts: 1, price: 100 }, 'BUY', 'BID_ASK'),
    ).toBe(100);
  });

  it('is nothing when the tick has nothing this side can use', () => {
    expect(
      triggerPrice({ type: 'Tick', symbol: 'BTC/USDT', ts: 1, ask: 100.1 }, 'BUY', 'LAST'),
    ).toBeUndefined();
    expect(
      triggerPrice({ type: 'Tick', symbol: 'BTC/USDT', ts: 1, bid: 99.9 }, 'SELL', 'BID_ASK'),
    ).toBeUndefined();
  });
});

describe('ticks against an order', () => {
  it('a long on the book triggers its take-profit on the bid, not on the last trade', () => {
    exchangeOnly
      .given(activeOrder('BUY', { triggerSource: 'BID_ASK' }))
      .when(tick(106, 10, { bid: 104.99, ask: 105.01 }), tick(104, 11, { bid: 105, ask: 105.02 }))
      .then([
        event('TpTriggered', 11, {
          level: 1,
          price: 105,
          targetPrice: 105,
          quantity: 0.4,
          clientOrderId: tpCid(1),
        }),
      ]);
  });

  it('a short on the book triggers its stop on the ask', () => {
    exchangeOnly
      .given(activeOrder('SELL', { triggerSource: 'BID_ASK' }))
      .when(tick(106, 10, { bid: 104.9, ask: 104.99 }), tick(100, 11, { bid: 104.9, ask: 105 }))
      .then([
        event('StopLossTriggered', 11, {
          kind: 'STOP_LOSS',
          stopPrice: 105,
          price: 105,
          quantity: 1,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 11, {
          reason: 'STOP_LOSS',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
      ]);
  });

  it('a tick without a price triggers a long on the bid and a short on the ask', () => {
    const quote = { price: undefined, bid: 95, ask: 105 };
    exchangeOnly
      .given(activeOrder('BUY'))
      .when(tick(0, 10, quote))
      .then([
        event('StopLossTriggered', 10, {
          kind: 'STOP_LOSS',
          stopPrice: 95,
          price: 95,
          quantity: 1,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 10, {
          reason: 'STOP_LOSS',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
      ]);
    exchangeOnly
      .given(activeOrder('SELL'))
      .when(tick(0, 10, quote))
      .then([
        event('StopLossTriggered', 10, {
          kind: 'STOP_LOSS',
          stopPrice: 105,
          price: 105,
          quantity: 1,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 10, {
          reason: 'STOP_LOSS',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
      ]);
  });

  it('a tick of another symbol changes nothing', () => {
    exchangeOnly
      .given(activeOrder('BUY'))
      .when(tick(90, 10, { symbol: 'ETH/USDT' }))
      .then([]);
  });
});
