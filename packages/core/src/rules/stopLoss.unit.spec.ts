import { event } from '../events/orderEvent';
import {
  activeOrder,
  aSmartOrder,
  entryFill,
  exchangeOnly,
  mirror,
  paper,
  report,
  SIDES,
  stopCid,
  tick,
  tpCid,
  trade,
  settled,
} from '../testing/fixtures.spec.helper';

describe.each(SIDES)('the stop of a %s (SEMANTICS §3.3)', (side) => {
  const px = mirror(side);

  it('does not fire short of the stop', () => {
    paper
      .given(activeOrder(side))
      .when(tick(px(95.01)))
      .then([]);
  });

  it('STOP_LOSS: fires at the fixed stop, cancels every level and exits the open quantity at market', () => {
    const state = paper
      .given(activeOrder(side))
      .when(tick(px(95)))
      .then([
        event('StopLossTriggered', 10, {
          kind: 'STOP_LOSS',
          stopPrice: px(95),
          price: px(95),
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
        event('StopLossFilled', 10, { price: px(95), quantity: 1, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 10, { kind: 'STOP_LOSS', ...settled(-5) }),
      ]);
    expect(state?.status).toBe('STOPPED');
    expect(state?.takeProfits.map((l) => l.status)).toEqual([
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(state?.realisedPnl).toBe(-5);
  });

  it('fills a stop that the price gapped through at the tick price, a worse fill', () => {
    paper
      .given(activeOrder(side))
      .when(tick(px(90)))
      .then([
        event('StopLossTriggered', 10, {
          kind: 'STOP_LOSS',
          stopPrice: px(95),
          price: px(90),
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
        event('StopLossFilled', 10, { price: px(90), quantity: 1, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 10, { kind: 'STOP_LOSS', ...settled(-10) }),
      ]);
  });

  it('BREAK_EVEN: the stop break-even moved fires as BREAK_EVEN and exits what is left after TP1', () => {
    paper
      .given(paper.history(aSmartOrder(side, { breakEven: true }), entryFill(), tick(px(105), 10)))
      .when(tick(px(100), 11))
      .then([
        event('StopLossTriggered', 11, {
          kind: 'BREAK_EVEN',
          stopPrice: 100,
          price: 100,
          quantity: 0.6,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 11, {
          reason: 'STOP_LOSS',
          levels: [2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('StopLossFilled', 11, { price: 100, quantity: 0.6, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 11, { kind: 'BREAK_EVEN', ...settled(2) }),
      ]);
  });

  it('a trailing stop level with the fixed stop does not bind: the kind is STOP_LOSS', () => {
    // Entry 100 with 2 %: the trailing stop is at 98 (102 for a short), exactly the fixed stop.
    paper
      .given(activeOrder(side, { stopLoss: { price: px(98) }, trailing: { callbackRate: 0.02 } }))
      .when(tick(px(98)))
      .then([
        event('StopLossTriggered', 10, {
          kind: 'STOP_LOSS',
          stopPrice: px(98),
          price: px(98),
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
        event('StopLossFilled', 10, { price: px(98), quantity: 1, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 10, { kind: 'STOP_LOSS', ...settled(-2) }),
      ]);
  });

  it('a trailing stop level with the break-even stop does not bind either: the kind is BREAK_EVEN', () => {
    // TP1 fills at 105 (95 short) and break-even moves the stop to 100. The trailing mark is then
    // 105: 105 × (1 − 0.0477) = 99.9915 rounds up to 100; a short's 95 × 1.0527 = 100.0065 rounds down to 100.
    const order = aSmartOrder(side, {
      breakEven: true,
      trailing: { callbackRate: side === 'BUY' ? 0.0477 : 0.0527 },
    });
    const given = paper.history(order, entryFill(), tick(px(105), 10));
    expect(given).toContainEqual(event('TrailingRaised', 10, { mark: px(105), stopPrice: 100 }));
    paper
      .given(given)
      .when(tick(100, 11))
      .then([
        event('StopLossTriggered', 11, {
          kind: 'BREAK_EVEN',
          stopPrice: 100,
          price: 100,
          quantity: 0.6,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 11, {
          reason: 'STOP_LOSS',
          levels: [2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('StopLossFilled', 11, { price: 100, quantity: 0.6, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 11, { kind: 'BREAK_EVEN', ...settled(2) }),
      ]);
  });

  it('a trailing stop tighter than the break-even stop binds: the kind is TRAILING_STOP', () => {
    // Long: mark 105 with 4 % is 100.8; short: mark 95 with 5 % is 99.75. Both tighter than 100.
    const order = aSmartOrder(side, {
      breakEven: true,
      trailing: { callbackRate: side === 'BUY' ? 0.04 : 0.05 },
    });
    const given = paper.history(order, entryFill(), tick(px(105), 10));
    const stop = side === 'BUY' ? 100.8 : 99.75;
    paper
      .given(given)
      .when(tick(stop, 11))
      .then([
        event('StopLossTriggered', 11, {
          kind: 'TRAILING_STOP',
          stopPrice: stop,
          price: stop,
          quantity: 0.6,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 11, {
          reason: 'TRAILING_STOP',
          levels: [2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('StopLossFilled', 11, { price: stop, quantity: 0.6, clientOrderId: stopCid() }),
        // TP 1 made 2; the stop exits 0.6 at 0.8 (long) or 0.25 (short) beyond the entry.
        event('SmartOrderStopped', 11, {
          kind: 'TRAILING_STOP',
          ...settled(side === 'BUY' ? 2.48 : 2.15),
        }),
      ]);
  });

  it('exits in parts: each partial fill of the stop exit is counted, the order ends STOPPED at the last', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side), entryFill(), tick(px(95), 10)))
      .when(trade(stopCid(), px(95), 0.4, 11), trade(stopCid(), px(94.9), 1, 12, 0.6))
      .then([
        event('StopLossFilled', 11, { price: px(95), quantity: 0.4, clientOrderId: stopCid() }),
        event('StopLossFilled', 12, { price: px(94.9), quantity: 0.6, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 12, { kind: 'STOP_LOSS', ...settled(-5.06) }),
      ]);
  });

  it('the same tick processed again fires nothing more', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side), entryFill(), tick(px(95), 10)))
      .when(tick(px(95), 10))
      .then([]);
  });

  it('a refused stop exit is sent again, as the next attempt, on the next tick', () => {
    const given = exchangeOnly.history(aSmartOrder(side), entryFill(), tick(px(95), 10));
    exchangeOnly
      .given(given)
      .when(report(stopCid(), 'REJECTED', { ts: 11, reason: 'venue busy' }))
      .then([
        event('ExchangeOrderRejected', 11, { clientOrderId: stopCid(), reason: 'venue busy' }),
      ]);
    paper
      .given([
        ...given,
        event('ExchangeOrderRejected', 11, { clientOrderId: stopCid(), reason: 'venue busy' }),
      ])
      .when(tick(px(94), 12))
      .then([
        event('StopLossRetried', 12, {
          reason: 'REJECTED',
          quantity: 1,
          price: px(94),
          clientOrderId: stopCid(2),
        }),
        event('StopLossFilled', 12, { price: px(94), quantity: 1, clientOrderId: stopCid(2) }),
        event('SmartOrderStopped', 12, { kind: 'STOP_LOSS', ...settled(-6) }),
      ]);
  });

  it('a stop exit cancelled after a partial fill is followed at once by an exit for the remainder', () => {
    exchangeOnly
      .given(
        exchangeOnly.history(
          aSmartOrder(side),
          entryFill(),
          tick(px(95), 10),
          trade(stopCid(), px(95), 0.3, 11),
        ),
      )
      .when(report(stopCid(), 'CANCELED', { ts: 12, cumulativeQuantity: 0.3 }))
      .then([
        event('ExchangeOrderCancelled', 12, { clientOrderId: stopCid(), filledQuantity: 0.3 }),
        event('StopLossRetried', 12, {
          reason: 'REMAINDER',
          quantity: 0.7,
          price: null,
          clientOrderId: stopCid(2),
        }),
      ]);
  });

  it('a stop exit sized to the open quantity that no working TP order covers', () => {
    // TP1 triggered (0.4 working on the exchange) when the price turns and hits the stop.
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side), entryFill(), tick(px(105), 10)))
      .when(tick(px(95), 11))
      .then([
        event('StopLossTriggered', 11, {
          kind: 'STOP_LOSS',
          stopPrice: px(95),
          price: px(95),
          quantity: 0.6,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 11, {
          reason: 'STOP_LOSS',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [tpCid(1)],
        }),
      ]);
  });
});

describe('the trailing stop binds only when strictly tighter than the fixed stop', () => {
  it('long: fixed 98, trailing raised to 98.98 by price 101 fires as TRAILING_STOP', () => {
    paper
      .given(activeOrder('BUY', { stopLoss: { price: 98 }, trailing: { callbackRate: 0.02 } }))
      .when(tick(101, 10), tick(98.98, 11))
      .then([
        event('TrailingRaised', 10, { mark: 101, stopPrice: 98.98 }),
        event('StopLossTriggered', 11, {
          kind: 'TRAILING_STOP',
          stopPrice: 98.98,
          price: 98.98,
          quantity: 1,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 11, {
          reason: 'TRAILING_STOP',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('StopLossFilled', 11, { price: 98.98, quantity: 1, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 11, { kind: 'TRAILING_STOP', ...settled(-1.02) }),
      ]);
  });

  it('short: fixed 102, trailing lowered to 100.98 by price 99 fires as TRAILING_STOP', () => {
    paper
      .given(activeOrder('SELL', { stopLoss: { price: 102 }, trailing: { callbackRate: 0.02 } }))
      .when(tick(99, 10), tick(101, 11))
      .then([
        event('TrailingRaised', 10, { mark: 99, stopPrice: 100.98 }),
        event('StopLossTriggered', 11, {
          kind: 'TRAILING_STOP',
          stopPrice: 100.98,
          price: 101,
          quantity: 1,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 11, {
          reason: 'TRAILING_STOP',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('StopLossFilled', 11, { price: 101, quantity: 1, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 11, { kind: 'TRAILING_STOP', ...settled(-1) }),
      ]);
  });
});
