import { event } from '../events/orderEvent';
import {
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

describe.each(SIDES)('OCO of a %s (SEMANTICS §5)', (side) => {
  const px = mirror(side);
  const afterTp1 = (overrides = {}) =>
    paper.history(aSmartOrder(side, overrides), entryFill(), tick(px(105), 10));

  it('stop loss fires: every remaining TP level is cancelled', () => {
    paper
      .given(afterTp1())
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
          levels: [2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('StopLossFilled', 11, { price: px(95), quantity: 0.6, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 11, { kind: 'STOP_LOSS', ...settled(-1) }),
      ]);
  });

  it('trailing stop fires: every remaining TP level is cancelled', () => {
    // 5 % trailing: mark 105 (95 short) puts the stop at 99.75 (99.75 short).
    paper
      .given(afterTp1({ trailing: { callbackRate: 0.05 } }))
      .when(tick(99.75, 11))
      .then([
        event('StopLossTriggered', 11, {
          kind: 'TRAILING_STOP',
          stopPrice: 99.75,
          price: 99.75,
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
        event('StopLossFilled', 11, { price: 99.75, quantity: 0.6, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 11, {
          kind: 'TRAILING_STOP',
          ...settled(side === 'BUY' ? 1.85 : 2.15),
        }),
      ]);
  });

  it('all TP levels fill: the stop loss is cancelled', () => {
    paper
      .given(afterTp1())
      .when(tick(px(120), 11))
      .then([
        event('TpTriggered', 11, {
          level: 2,
          price: px(120),
          targetPrice: px(110),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
        event('TpTriggered', 11, {
          level: 3,
          price: px(120),
          targetPrice: px(120),
          quantity: 0.25,
          clientOrderId: tpCid(3),
        }),
        event('TpFilled', 11, {
          level: 2,
          price: px(120),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
        event('TpFilled', 11, {
          level: 3,
          price: px(120),
          quantity: 0.25,
          clientOrderId: tpCid(3),
        }),
        event('OcoCancelled', 11, {
          reason: 'ALL_TP_FILLED',
          levels: [],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('SmartOrderClosed', 11, settled(14)),
      ]);
  });

  it('all TP levels fill on an order with no stop at all: there is nothing to cancel', () => {
    paper
      .given(paper.history(aSmartOrder(side, { stopLoss: undefined }), entryFill()))
      .when(tick(px(120), 11))
      .then([
        event('TpTriggered', 11, {
          level: 1,
          price: px(120),
          targetPrice: px(105),
          quantity: 0.4,
          clientOrderId: tpCid(1),
        }),
        event('TpTriggered', 11, {
          level: 2,
          price: px(120),
          targetPrice: px(110),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
        event('TpTriggered', 11, {
          level: 3,
          price: px(120),
          targetPrice: px(120),
          quantity: 0.25,
          clientOrderId: tpCid(3),
        }),
        event('TpFilled', 11, { level: 1, price: px(120), quantity: 0.4, clientOrderId: tpCid(1) }),
        event('TpFilled', 11, {
          level: 2,
          price: px(120),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
        event('TpFilled', 11, {
          level: 3,
          price: px(120),
          quantity: 0.25,
          clientOrderId: tpCid(3),
        }),
        event('SmartOrderClosed', 11, settled(20)),
      ]);
  });

  it('all TP levels fill on an order with only a trailing stop: the trailing stop is cancelled', () => {
    const order = aSmartOrder(side, { stopLoss: undefined, trailing: { callbackRate: 0.5 } });
    paper
      .given(paper.history(order, entryFill(), tick(px(105), 10), tick(px(110), 11)))
      .when(tick(px(120), 12))
      .then([
        event('TrailingRaised', 12, { mark: px(120), stopPrice: side === 'BUY' ? 60 : 120 }),
        event('TpTriggered', 12, {
          level: 3,
          price: px(120),
          targetPrice: px(120),
          quantity: 0.25,
          clientOrderId: tpCid(3),
        }),
        event('TpFilled', 12, {
          level: 3,
          price: px(120),
          quantity: 0.25,
          clientOrderId: tpCid(3),
        }),
        event('OcoCancelled', 12, {
          reason: 'ALL_TP_FILLED',
          levels: [],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('SmartOrderClosed', 12, settled(10.5)),
      ]);
  });

  it('manual cancel: every level not filled and the stop loss are cancelled', () => {
    paper
      .given(afterTp1())
      .when({ type: 'Cancel', orderId: 'o-1', ts: 20 })
      .then([
        event('OcoCancelled', 20, {
          reason: 'MANUAL_CANCEL',
          levels: [2, 3],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('SmartOrderCancelled', 20, { flatten: false, reason: 'MANUAL', ...settled(2) }),
      ]);
  });

  describe('a TP order that fills while its cancel is in flight', () => {
    // TP1 is working on the exchange (0.4) when the stop fires: the stop exits the other 0.6 only.
    const stopFiredWithTp1Working = () =>
      exchangeOnly.history(aSmartOrder(side), entryFill(), tick(px(105), 10), tick(px(95), 11));

    it('the stop exit leaves out the quantity of the working TP order, whose cancel the event asks for', () => {
      expect(stopFiredWithTp1Working().slice(-2)).toEqual([
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

    it('fills anyway: the position is exited exactly once, never more', () => {
      const state = exchangeOnly
        .given(stopFiredWithTp1Working())
        .when(trade(tpCid(1), px(105), 0.4, 12), trade(stopCid(), px(95), 0.6, 13))
        .then([
          event('TpFilled', 12, {
            level: 1,
            price: px(105),
            quantity: 0.4,
            clientOrderId: tpCid(1),
          }),
          event('StopLossFilled', 13, { price: px(95), quantity: 0.6, clientOrderId: stopCid() }),
          event('SmartOrderStopped', 13, { kind: 'STOP_LOSS', ...settled(-1) }),
        ]);
      expect(state?.openQuantity).toBe(0);
    });

    it('is cancelled after a partial fill: the stop exits what it had left, the order ends only then', () => {
      exchangeOnly
        .given(stopFiredWithTp1Working())
        .when(
          trade(stopCid(), px(95), 0.6, 12),
          report(tpCid(1), 'CANCELED', {
            ts: 13,
            lastPrice: px(105),
            lastQuantity: 0.1,
            cumulativeQuantity: 0.1,
          }),
          trade(stopCid(2), px(94), 0.3, 14),
        )
        .then([
          event('StopLossFilled', 12, { price: px(95), quantity: 0.6, clientOrderId: stopCid() }),
          event('TpFilled', 13, {
            level: 1,
            price: px(105),
            quantity: 0.1,
            clientOrderId: tpCid(1),
          }),
          event('ExchangeOrderCancelled', 13, { clientOrderId: tpCid(1), filledQuantity: 0.1 }),
          event('StopLossRetried', 13, {
            reason: 'REMAINDER',
            quantity: 0.3,
            price: null,
            clientOrderId: stopCid(2),
          }),
          event('StopLossFilled', 14, { price: px(94), quantity: 0.3, clientOrderId: stopCid(2) }),
          event('SmartOrderStopped', 14, { kind: 'STOP_LOSS', ...settled(-4.3) }),
        ]);
    });
  });
});
