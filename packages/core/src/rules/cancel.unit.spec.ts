import { event } from '../events/orderEvent';
import {
  activeOrder,
  aSmartOrder,
  entryCid,
  exchangeOnly,
  flattenCid,
  mirror,
  paper,
  report,
  SIDES,
  tick,
  tpCid,
  trade,
  settled,
} from '../testing/fixtures.spec.helper';
import type { Cancel } from '../commands/liveCommands';

const cancel = (fields: Partial<Cancel> = {}): Cancel => ({
  type: 'Cancel',
  orderId: 'o-1',
  ts: 20,
  ...fields,
});

describe.each(SIDES)('Cancel of a %s (SEMANTICS §4)', (side) => {
  const px = mirror(side);

  it('on a PENDING order, cancels the entry and every level, and ends once the entry is confirmed cancelled', () => {
    const state = exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side)))
      .when(cancel(), report(entryCid, 'CANCELED', { ts: 21, cumulativeQuantity: 0 }))
      .then([
        event('OcoCancelled', 20, {
          reason: 'MANUAL_CANCEL',
          levels: [1, 2, 3],
          stopLoss: true,
          entry: true,
          clientOrderIds: [entryCid],
        }),
        event('CancelRequested', 20, { flatten: false }),
        event('ExchangeOrderCancelled', 21, { clientOrderId: entryCid, filledQuantity: 0 }),
        event('SmartOrderCancelled', 21, { flatten: false, reason: 'MANUAL', ...settled(0) }),
      ]);
    expect(state?.status).toBe('CANCELLED');
    expect(state?.takeProfits.map((l) => l.status)).toEqual([
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
  });

  it('on a PENDING order with nothing filled, flatten has nothing to exit', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side, { stopLoss: undefined })))
      .when(
        cancel({ flatten: true }),
        report(entryCid, 'CANCELED', { ts: 21, cumulativeQuantity: 0 }),
      )
      .then([
        event('OcoCancelled', 20, {
          reason: 'MANUAL_CANCEL',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: true,
          clientOrderIds: [entryCid],
        }),
        event('CancelRequested', 20, { flatten: true }),
        event('ExchangeOrderCancelled', 21, { clientOrderId: entryCid, filledQuantity: 0 }),
        event('SmartOrderCancelled', 21, { flatten: true, reason: 'MANUAL', ...settled(0) }),
      ]);
  });

  it('on an ACTIVE order, cancels every level and the stop; the position is left to the user', () => {
    exchangeOnly
      .given(activeOrder(side))
      .when(cancel())
      .then([
        event('OcoCancelled', 20, {
          reason: 'MANUAL_CANCEL',
          levels: [1, 2, 3],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('SmartOrderCancelled', 20, { flatten: false, reason: 'MANUAL', ...settled(0) }),
      ]);
  });

  it('lists the working TP orders to cancel on the exchange', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side), trade(entryCid, 100, 1, 2), tick(px(105), 10)))
      .when(cancel())
      .then([
        event('OcoCancelled', 20, {
          reason: 'MANUAL_CANCEL',
          levels: [1, 2, 3],
          stopLoss: true,
          entry: false,
          clientOrderIds: [tpCid(1)],
        }),
        event('SmartOrderCancelled', 20, { flatten: false, reason: 'MANUAL', ...settled(0) }),
      ]);
  });

  it('with flatten, exits the open quantity at market and ends CANCELLED once that exit filled: on paper at the next tick, at its price (§4 v2)', () => {
    const state = paper
      .given(paper.history(aSmartOrder(side), trade(entryCid, 100, 1, 2), tick(px(105), 10)))
      .when(cancel({ flatten: true, lastPrice: px(104) }), tick(px(103), 30))
      .then([
        event('OcoCancelled', 20, {
          reason: 'MANUAL_CANCEL',
          levels: [2, 3],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('FlattenTriggered', 20, {
          quantity: 0.6,
          price: px(104),
          clientOrderId: flattenCid(),
        }),
        event('FlattenFilled', 30, { price: px(103), quantity: 0.6, clientOrderId: flattenCid() }),
        event('SmartOrderCancelled', 30, { flatten: true, reason: 'MANUAL', ...settled(3.8) }),
      ]);
    expect(state?.openQuantity).toBe(0);
  });

  it('with flatten, waits for the exit to fill before the order is CANCELLED', () => {
    const given = exchangeOnly.history(aSmartOrder(side), trade(entryCid, 100, 1, 2));
    exchangeOnly
      .given(given)
      .when(cancel({ flatten: true }))
      .then([
        event('OcoCancelled', 20, {
          reason: 'MANUAL_CANCEL',
          levels: [1, 2, 3],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('FlattenTriggered', 20, { quantity: 1, price: null, clientOrderId: flattenCid() }),
      ]);
    exchangeOnly
      .given(given)
      .when(cancel({ flatten: true }), trade(flattenCid(), px(99), 1, 21))
      .then([
        event('OcoCancelled', 20, {
          reason: 'MANUAL_CANCEL',
          levels: [1, 2, 3],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('FlattenTriggered', 20, { quantity: 1, price: null, clientOrderId: flattenCid() }),
        event('FlattenFilled', 21, { price: px(99), quantity: 1, clientOrderId: flattenCid() }),
        event('SmartOrderCancelled', 21, { flatten: true, reason: 'MANUAL', ...settled(-1) }),
      ]);
  });

  it('with flatten while a TP order is working, exits only what it does not cover; its cancel frees the rest', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side), trade(entryCid, 100, 1, 2), tick(px(105), 10)))
      .when(
        cancel({ flatten: true, lastPrice: px(104) }),
        report(tpCid(1), 'CANCELED', { ts: 21, cumulativeQuantity: 0 }),
      )
      .then([
        event('OcoCancelled', 20, {
          reason: 'MANUAL_CANCEL',
          levels: [1, 2, 3],
          stopLoss: true,
          entry: false,
          clientOrderIds: [tpCid(1)],
        }),
        event('FlattenTriggered', 20, {
          quantity: 0.6,
          price: px(104),
          clientOrderId: flattenCid(),
        }),
        event('ExchangeOrderCancelled', 21, { clientOrderId: tpCid(1), filledQuantity: 0 }),
        event('FlattenTriggered', 21, { quantity: 0.4, price: null, clientOrderId: flattenCid(2) }),
      ]);
  });

  describe('a PENDING order whose entry filled in part', () => {
    const partlyFilled = () =>
      exchangeOnly.history(aSmartOrder(side), trade(entryCid, 100, 0.3, 2));

    it('without flatten, still exits what filled: a fill is never left without a manager (§4, v2)', () => {
      exchangeOnly
        .given(partlyFilled())
        .when(cancel())
        .then([
          event('OcoCancelled', 20, {
            reason: 'MANUAL_CANCEL',
            levels: [1, 2, 3],
            stopLoss: true,
            entry: true,
            clientOrderIds: [entryCid],
          }),
          event('CancelRequested', 20, { flatten: false }),
          event('FlattenTriggered', 20, {
            quantity: 0.3,
            price: null,
            clientOrderId: flattenCid(),
          }),
        ]);
    });

    it('with flatten, exits what filled', () => {
      exchangeOnly
        .given(partlyFilled())
        .when(cancel({ flatten: true, lastPrice: px(100) }))
        .then([
          event('OcoCancelled', 20, {
            reason: 'MANUAL_CANCEL',
            levels: [1, 2, 3],
            stopLoss: true,
            entry: true,
            clientOrderIds: [entryCid],
          }),
          event('CancelRequested', 20, { flatten: true }),
          event('FlattenTriggered', 20, {
            quantity: 0.3,
            price: px(100),
            clientOrderId: flattenCid(),
          }),
        ]);
    });

    it('with flatten, ends CANCELLED only once the exchange confirms that the entry is cancelled', () => {
      exchangeOnly
        .given(partlyFilled())
        .when(
          cancel({ flatten: true, lastPrice: px(100) }),
          trade(flattenCid(), px(100), 0.3, 21),
          report(entryCid, 'EXPIRED', { ts: 22, cumulativeQuantity: 0.3 }),
        )
        .then([
          event('OcoCancelled', 20, {
            reason: 'MANUAL_CANCEL',
            levels: [1, 2, 3],
            stopLoss: true,
            entry: true,
            clientOrderIds: [entryCid],
          }),
          event('CancelRequested', 20, { flatten: true }),
          event('FlattenTriggered', 20, {
            quantity: 0.3,
            price: px(100),
            clientOrderId: flattenCid(),
          }),
          event('FlattenFilled', 21, {
            price: px(100),
            quantity: 0.3,
            clientOrderId: flattenCid(),
          }),
          event('ExchangeOrderCancelled', 22, { clientOrderId: entryCid, filledQuantity: 0.3 }),
          event('SmartOrderCancelled', 22, { flatten: true, reason: 'MANUAL', ...settled(0) }),
        ]);
    });

    it('with flatten, exits the whole entry when it fills in full while its cancel is in flight', () => {
      exchangeOnly
        .given(partlyFilled())
        .when(cancel({ flatten: true, lastPrice: px(100) }), trade(entryCid, 100.1, 1, 21, 0.7))
        .then([
          event('OcoCancelled', 20, {
            reason: 'MANUAL_CANCEL',
            levels: [1, 2, 3],
            stopLoss: true,
            entry: true,
            clientOrderIds: [entryCid],
          }),
          event('CancelRequested', 20, { flatten: true }),
          event('FlattenTriggered', 20, {
            quantity: 0.3,
            price: px(100),
            clientOrderId: flattenCid(),
          }),
          // Its own part (SEMANTICS §9.4): 0.7 at 100.1, the whole entry at 100.07 on average.
          event('EntryFilled', 21, {
            price: 100.1,
            quantity: 0.7,
            takeProfitQuantities: [0.4, 0.35, 0.25],
            clientOrderId: entryCid,
            averagePrice: 100.07,
            filledQuantity: 1,
          }),
          event('FlattenTriggered', 21, {
            quantity: 0.7,
            price: null,
            clientOrderId: flattenCid(2),
          }),
        ]);
    });

    it('with flatten, also exits what the entry fills while its cancel is in flight', () => {
      exchangeOnly
        .given(partlyFilled())
        .when(
          cancel({ flatten: true, lastPrice: px(100) }),
          trade(entryCid, 100, 0.5, 21, 0.2),
          report(entryCid, 'CANCELED', { ts: 22, cumulativeQuantity: 0.5 }),
          trade(flattenCid(), px(100), 0.3, 23),
          trade(flattenCid(2), px(100), 0.2, 24),
        )
        .then([
          event('OcoCancelled', 20, {
            reason: 'MANUAL_CANCEL',
            levels: [1, 2, 3],
            stopLoss: true,
            entry: true,
            clientOrderIds: [entryCid],
          }),
          event('CancelRequested', 20, { flatten: true }),
          event('FlattenTriggered', 20, {
            quantity: 0.3,
            price: px(100),
            clientOrderId: flattenCid(),
          }),
          event('EntryFilled', 21, {
            price: 100,
            quantity: 0.2,
            takeProfitQuantities: [0.2, 0.175, 0.125],
            clientOrderId: entryCid,
            averagePrice: 100,
            filledQuantity: 0.5,
          }),
          event('FlattenTriggered', 21, {
            quantity: 0.2,
            price: null,
            clientOrderId: flattenCid(2),
          }),
          event('ExchangeOrderCancelled', 22, { clientOrderId: entryCid, filledQuantity: 0.5 }),
          event('FlattenFilled', 23, {
            price: px(100),
            quantity: 0.3,
            clientOrderId: flattenCid(),
          }),
          event('FlattenFilled', 24, {
            price: px(100),
            quantity: 0.2,
            clientOrderId: flattenCid(2),
          }),
          event('SmartOrderCancelled', 24, { flatten: true, reason: 'MANUAL', ...settled(0) }),
        ]);
    });
  });
});
