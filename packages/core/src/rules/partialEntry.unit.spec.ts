import { event } from '../events/orderEvent';
import {
  aSmartOrder,
  entryCid,
  exchangeOnly,
  flattenCid,
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
import { watchPrices } from './watchPrices';

/**
 * SEMANTICS §9.4: each part of an entry is its own `EntryFilled`; the first makes the order
 * ACTIVE and arms the exits on what has filled; each later part splits the take-profits again
 * on the whole net entry until the first take-profit fills, which cancels the entry's rest.
 */
describe.each(SIDES)('a %s whose entry fills in parts', (side) => {
  const px = mirror(side);
  const trailingStop = side === 'BUY' ? 98 : 102;
  const partlyFilled = (overrides = {}) =>
    exchangeOnly.history(aSmartOrder(side, overrides), trade(entryCid, 100, 0.3, 2));

  it('is ACTIVE from its first part, with the take-profits split on that part and the trailing stop armed at its price', () => {
    const state = exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side, { trailing: { callbackRate: 0.02 } })))
      .when(trade(entryCid, 100, 0.3, 2))
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 0.3,
          takeProfitQuantities: [0.12, 0.105, 0.075],
          clientOrderId: entryCid,
        }),
        event('TrailingArmed', 2, { mark: 100, stopPrice: trailingStop }),
      ]);
    expect(state).toMatchObject({
      status: 'ACTIVE',
      entryWorking: true,
      entryFilledQuantity: 0.3,
      openQuantity: 0.3,
    });
  });

  it('records each later part with its own price and quantity, the average and total so far, and the take-profits split again on the total', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side, { trailing: { callbackRate: 0.02 } })))
      .when(
        trade(entryCid, 100, 0.3, 2),
        trade(entryCid, 101, 0.5, 3, 0.2),
        trade(entryCid, 102, 1, 4, 0.5),
      )
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 0.3,
          takeProfitQuantities: [0.12, 0.105, 0.075],
          clientOrderId: entryCid,
        }),
        event('TrailingArmed', 2, { mark: 100, stopPrice: trailingStop }),
        // (0.3 × 100 + 0.2 × 101) / 0.5 = 100.4
        event('EntryFilled', 3, {
          price: 101,
          quantity: 0.2,
          takeProfitQuantities: [0.2, 0.175, 0.125],
          clientOrderId: entryCid,
          averagePrice: 100.4,
          filledQuantity: 0.5,
        }),
        event('EntryFilled', 4, {
          price: 102,
          quantity: 0.5,
          takeProfitQuantities: [0.4, 0.35, 0.25],
          clientOrderId: entryCid,
          averagePrice: 101.2,
          filledQuantity: 1,
        }),
      ]);
  });

  it('splits the net entry when a fee is taken in the base asset: floored to the step, the last level the remainder', () => {
    const market = { tickSize: 0.01, stepSize: 0.001, minQty: 0.001 };
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side, { market })))
      .when(
        { ...trade(entryCid, 100, 0.3, 2), fee: { amount: 0.0003, asset: 'BTC' } },
        { ...trade(entryCid, 100, 1, 3, 0.7), fee: { amount: 0.0007, asset: 'BTC' } },
      )
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 0.3,
          // net 0.2997, floored to 0.299: 0.119 / 0.104 / 0.076
          takeProfitQuantities: [0.119, 0.104, 0.076],
          clientOrderId: entryCid,
          fee: { amount: 0.0003, asset: 'BTC' },
          netQuantity: 0.2997,
        }),
        event('EntryFilled', 3, {
          price: 100,
          quantity: 0.7,
          // net 0.999: 0.399 / 0.349 / 0.251
          takeProfitQuantities: [0.399, 0.349, 0.251],
          clientOrderId: entryCid,
          averagePrice: 100,
          filledQuantity: 1,
          fee: { amount: 0.0007, asset: 'BTC' },
          netQuantity: 0.999,
        }),
      ]);
  });

  it('takes profit on what has filled, and cancels the rest of the entry at the first take-profit fill', () => {
    const state = paper
      .given(partlyFilled())
      .when(tick(px(105), 10))
      .then([
        event('TpTriggered', 10, {
          level: 1,
          price: px(105),
          targetPrice: px(105),
          quantity: 0.12,
          clientOrderId: tpCid(1),
        }),
        event('TpFilled', 10, {
          level: 1,
          price: px(105),
          quantity: 0.12,
          clientOrderId: tpCid(1),
        }),
        event('EntriesCancelled', 10, {
          levels: [],
          reason: 'TP_FILLED',
          clientOrderIds: [entryCid],
        }),
        // The paper exchange confirms the cancel at once.
        event('ExchangeOrderCancelled', 10, { clientOrderId: entryCid, filledQuantity: 0.3 }),
      ]);
    expect(state).toMatchObject({ status: 'PARTIALLY_CLOSED', entryWorking: false });
  });

  it('fixes the take-profits at the first take-profit fill: a part filling while the cancel is in flight is left to the stop, and exited at market once every take-profit has filled', () => {
    // The first take-profit's fill is the scenario's: on paper the entry's cancel would be
    // confirmed at once, and no part could fill while it is in flight.
    const tpFilled = exchangeOnly.history(
      aSmartOrder(side),
      trade(entryCid, 100, 0.3, 2),
      tick(px(105), 10),
      trade(tpCid(1), px(105), 0.12, 10),
    );
    paper
      .given(tpFilled)
      .when(
        trade(entryCid, 100, 0.5, 11, 0.2),
        report(entryCid, 'CANCELED', { ts: 12, cumulativeQuantity: 0.5 }),
        tick(px(120), 13),
        tick(px(121), 14),
      )
      .then([
        event('EntryFilled', 11, {
          price: 100,
          quantity: 0.2,
          takeProfitQuantities: [0.12, 0.105, 0.075],
          clientOrderId: entryCid,
          averagePrice: 100,
          filledQuantity: 0.5,
        }),
        event('ExchangeOrderCancelled', 12, { clientOrderId: entryCid, filledQuantity: 0.5 }),
        event('TpTriggered', 13, {
          level: 2,
          price: px(120),
          targetPrice: px(110),
          quantity: 0.105,
          clientOrderId: tpCid(2),
        }),
        event('TpTriggered', 13, {
          level: 3,
          price: px(120),
          targetPrice: px(120),
          quantity: 0.075,
          clientOrderId: tpCid(3),
        }),
        event('TpFilled', 13, {
          level: 2,
          price: px(120),
          quantity: 0.105,
          clientOrderId: tpCid(2),
        }),
        event('TpFilled', 13, {
          level: 3,
          price: px(120),
          quantity: 0.075,
          clientOrderId: tpCid(3),
        }),
        // The late part: no take-profit is left to take it.
        event('FlattenTriggered', 13, { quantity: 0.2, price: null, clientOrderId: flattenCid() }),
        event('FlattenFilled', 14, { price: px(121), quantity: 0.2, clientOrderId: flattenCid() }),
        event('OcoCancelled', 14, {
          reason: 'ALL_TP_FILLED',
          levels: [],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('SmartOrderClosed', 14, settled(8.4)),
      ]);
  });

  it('keeps a take-profit whose exit is working at the quantity it was sent with; the levels not sent share what the entry added', () => {
    const market = { tickSize: 0.01, stepSize: 0.001, minQty: 0.001 };
    const tpWorking = exchangeOnly.history(
      aSmartOrder(side, { market }),
      trade(entryCid, 100, 0.3, 2),
      tick(px(105), 10),
    );
    const state = exchangeOnly
      .given(tpWorking)
      .when(trade(entryCid, 100, 0.5, 11, 0.2))
      .then([
        event('EntryFilled', 11, {
          price: 100,
          quantity: 0.2,
          // 0.5 less the 0.12 at work, 0.38, split 35 : 25: 0.221 and the remainder 0.159.
          takeProfitQuantities: [0.12, 0.221, 0.159],
          clientOrderId: entryCid,
          averagePrice: 100,
          filledQuantity: 0.5,
        }),
      ]);
    expect(state?.takeProfits.map((l) => l.quantity)).toEqual([0.12, 0.221, 0.159]);
  });

  it('lets a level split to nothing by a sliver of the entry wait for later parts, so that it does not fix the split on the sliver', () => {
    const market = { tickSize: 0.01, stepSize: 0.001, minQty: 0.001 };
    paper
      .given(exchangeOnly.history(aSmartOrder(side, { market }), trade(entryCid, 100, 0.002, 2)))
      .when(tick(px(105), 10), trade(entryCid, 100, 1, 11, 0.998), tick(px(105), 12))
      .then([
        event('EntryFilled', 11, {
          price: 100,
          quantity: 0.998,
          takeProfitQuantities: [0.4, 0.35, 0.25],
          clientOrderId: entryCid,
          averagePrice: 100,
          filledQuantity: 1,
        }),
        event('TpTriggered', 12, {
          level: 1,
          price: px(105),
          targetPrice: px(105),
          quantity: 0.4,
          clientOrderId: tpCid(1),
        }),
        event('TpFilled', 12, { level: 1, price: px(105), quantity: 0.4, clientOrderId: tpCid(1) }),
      ]);
  });

  // The exchange's answers below are the scenario's: on paper the print at the stop would also
  // reach the rest of the limit entry and fill it, and a cancel is confirmed at once.
  it('stops out what has filled and cancels the rest of the entry; a part filling meanwhile joins the exit', () => {
    exchangeOnly
      .given(partlyFilled())
      .when(
        tick(px(95), 10),
        trade(stopCid(), px(95), 0.3, 10),
        trade(entryCid, 100, 0.5, 11, 0.2),
        report(entryCid, 'CANCELED', { ts: 12, cumulativeQuantity: 0.5 }),
        tick(px(94), 13),
        trade(stopCid(2), px(94), 0.2, 13),
      )
      .then([
        event('StopLossTriggered', 10, {
          kind: 'STOP_LOSS',
          stopPrice: px(95),
          price: px(95),
          quantity: 0.3,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 10, {
          reason: 'STOP_LOSS',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: true,
          clientOrderIds: [entryCid],
        }),
        event('StopLossFilled', 10, { price: px(95), quantity: 0.3, clientOrderId: stopCid() }),
        event('EntryFilled', 11, {
          price: 100,
          quantity: 0.2,
          takeProfitQuantities: [0.2, 0.175, 0.125],
          clientOrderId: entryCid,
          averagePrice: 100,
          filledQuantity: 0.5,
        }),
        event('StopLossRetried', 11, {
          reason: 'REMAINDER',
          quantity: 0.2,
          price: null,
          clientOrderId: stopCid(2),
        }),
        event('ExchangeOrderCancelled', 12, { clientOrderId: entryCid, filledQuantity: 0.5 }),
        event('StopLossFilled', 13, { price: px(94), quantity: 0.2, clientOrderId: stopCid(2) }),
        event('SmartOrderStopped', 13, { kind: 'STOP_LOSS', ...settled(-2.7) }),
      ]);
  });

  it('goes on with what filled when the venue drops the rest of the entry', () => {
    const state = exchangeOnly
      .given(partlyFilled())
      .when(report(entryCid, 'CANCELED', { ts: 3, cumulativeQuantity: 0.3 }))
      .then([event('ExchangeOrderCancelled', 3, { clientOrderId: entryCid, filledQuantity: 0.3 })]);
    expect(state).toMatchObject({ status: 'ACTIVE', entryWorking: false, openQuantity: 0.3 });
  });

  it('is watched at its take-profits and stop while the rest of the entry works', () => {
    const state = exchangeOnly.given(partlyFilled()).when().then([]);
    expect(state === null ? null : watchPrices(state)).toEqual({ above: 105, below: 95 });
  });

  it('on a cancel without flatten, waits for the venue to confirm the entry gone and exits what filled, as a PENDING order does (§4)', () => {
    // The venue's answers are the scenario's, to show the wait: the paper exchange would
    // confirm the cancel at once.
    exchangeOnly
      .given(partlyFilled())
      .when(
        { type: 'Cancel', orderId: 'o-1', ts: 3, flatten: false },
        report(entryCid, 'CANCELED', { ts: 4, cumulativeQuantity: 0.3 }),
        tick(px(99), 10),
        trade(flattenCid(), px(99), 0.3, 10),
      )
      .then([
        event('OcoCancelled', 3, {
          reason: 'MANUAL_CANCEL',
          levels: [1, 2, 3],
          stopLoss: true,
          entry: true,
          clientOrderIds: [entryCid],
        }),
        event('CancelRequested', 3, { flatten: false }),
        event('FlattenTriggered', 3, { quantity: 0.3, price: null, clientOrderId: flattenCid() }),
        event('ExchangeOrderCancelled', 4, { clientOrderId: entryCid, filledQuantity: 0.3 }),
        event('FlattenFilled', 10, { price: px(99), quantity: 0.3, clientOrderId: flattenCid() }),
        event('SmartOrderCancelled', 10, { flatten: false, reason: 'MANUAL', ...settled(-0.3) }),
      ]);
  });
});
