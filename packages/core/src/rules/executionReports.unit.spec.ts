import { clientOrderId, PURPOSE } from '../clientOrderId';
import { event } from '../events/orderEvent';
import {
  activeOrder,
  aSmartOrder,
  entryCid,
  entryFill,
  exchangeOnly,
  mirror,
  report,
  SIDES,
  stopCid,
  tick,
  tpCid,
  trade,
  settled,
} from '../testing/fixtures.spec.helper';

const created = () =>
  exchangeOnly.history(aSmartOrder('BUY', { trailing: { callbackRate: 0.02 } }));

describe('the entry, filled by the exchange', () => {
  it('fills in full: the order becomes ACTIVE, the ladder quantities are fixed, the trailing stop arms', () => {
    const state = exchangeOnly
      .given(created())
      .when(entryFill(100))
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 1,
          takeProfitQuantities: [0.4, 0.35, 0.25],
          clientOrderId: entryCid,
        }),
        event('TrailingArmed', 2, { mark: 100, stopPrice: 98 }),
      ]);
    expect(state?.status).toBe('ACTIVE');
    expect(state?.openQuantity).toBe(1);
  });

  it('fills in parts: each part is an EntryFilled of its own (§9.4), the first activates the order, the last completes the entry at the average price', () => {
    const state = exchangeOnly
      .given(created())
      .when(
        trade(entryCid, 100, 0.25, 2),
        trade(entryCid, 101, 0.5, 3, 0.25),
        trade(entryCid, 102, 1, 4, 0.5),
      )
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 0.25,
          takeProfitQuantities: [0.1, 0.0875, 0.0625],
          clientOrderId: entryCid,
        }),
        // The trailing stop arms at the first part's price (§9.4).
        event('TrailingArmed', 2, { mark: 100, stopPrice: 98 }),
        event('EntryFilled', 3, {
          price: 101,
          quantity: 0.25,
          takeProfitQuantities: [0.2, 0.175, 0.125],
          clientOrderId: entryCid,
          averagePrice: 100.5,
          filledQuantity: 0.5,
        }),
        // (0.25 × 100 + 0.25 × 101 + 0.5 × 102) / 1 = 101.25
        event('EntryFilled', 4, {
          price: 102,
          quantity: 0.5,
          takeProfitQuantities: [0.4, 0.35, 0.25],
          clientOrderId: entryCid,
          averagePrice: 101.25,
          filledQuantity: 1,
        }),
      ]);
    expect(state?.entryPrice).toBe(101.25);
  });

  it('a PENDING order takes no ticks: its entry is the exchange’s to fill', () => {
    exchangeOnly.given(created()).when(tick(50), tick(150)).then([]);
  });

  it('cancelled after a partial fill: the order, ACTIVE since that part, goes on with what filled', () => {
    exchangeOnly
      .given(created())
      .when(
        trade(entryCid, 100, 0.3, 2),
        report(entryCid, 'CANCELED', { ts: 3, cumulativeQuantity: 0.3 }),
      )
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 0.3,
          takeProfitQuantities: [0.12, 0.105, 0.075],
          clientOrderId: entryCid,
        }),
        event('TrailingArmed', 2, { mark: 100, stopPrice: 98 }),
        event('ExchangeOrderCancelled', 3, { clientOrderId: entryCid, filledQuantity: 0.3 }),
      ]);
  });

  it('expired with a last fill in the report: that fill counts before the rest is dropped', () => {
    exchangeOnly
      .given(created())
      .when(
        report(entryCid, 'EXPIRED', {
          ts: 3,
          lastPrice: 99,
          lastQuantity: 0.5,
          cumulativeQuantity: 0.5,
        }),
      )
      .then([
        event('EntryFilled', 3, {
          price: 99,
          quantity: 0.5,
          takeProfitQuantities: [0.2, 0.175, 0.125],
          clientOrderId: entryCid,
        }),
        event('TrailingArmed', 3, { mark: 99, stopPrice: 97.02 }),
        event('ExchangeOrderCancelled', 3, { clientOrderId: entryCid, filledQuantity: 0.5 }),
      ]);
  });

  it('cancelled by the exchange with nothing filled: the smart order is CANCELLED (ENTRY_CANCELLED)', () => {
    exchangeOnly
      .given(created())
      .when(report(entryCid, 'CANCELED', { ts: 3, cumulativeQuantity: 0 }))
      .then([
        event('ExchangeOrderCancelled', 3, { clientOrderId: entryCid, filledQuantity: 0 }),
        event('SmartOrderCancelled', 3, {
          flatten: false,
          reason: 'ENTRY_CANCELLED',
          ...settled(0),
        }),
      ]);
  });

  it('rejected by the exchange: the smart order is CANCELLED (ENTRY_REJECTED)', () => {
    exchangeOnly
      .given(created())
      .when(report(entryCid, 'REJECTED', { ts: 3, reason: 'insufficient balance' }))
      .then([
        event('ExchangeOrderRejected', 3, {
          clientOrderId: entryCid,
          reason: 'insufficient balance',
        }),
        event('SmartOrderCancelled', 3, {
          flatten: false,
          reason: 'ENTRY_REJECTED',
          ...settled(0),
        }),
      ]);
  });

  it('an over-fill is counted up to the entry quantity', () => {
    exchangeOnly
      .given(created())
      .when(trade(entryCid, 100, 1.5, 2))
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 1,
          takeProfitQuantities: [0.4, 0.35, 0.25],
          clientOrderId: entryCid,
        }),
        event('TrailingArmed', 2, { mark: 100, stopPrice: 98 }),
      ]);
  });

  it('a TRADE report without cumulativeQuantity adds its lastQuantity to what is known', () => {
    exchangeOnly
      .given(created())
      .when(
        report(entryCid, 'TRADE', { ts: 2, lastPrice: 100, lastQuantity: 0.5 }),
        report(entryCid, 'TRADE', { ts: 3, lastPrice: 100, lastQuantity: 0.5 }),
      )
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 0.5,
          takeProfitQuantities: [0.2, 0.175, 0.125],
          clientOrderId: entryCid,
        }),
        event('TrailingArmed', 2, { mark: 100, stopPrice: 98 }),
        event('EntryFilled', 3, {
          price: 100,
          quantity: 0.5,
          takeProfitQuantities: [0.4, 0.35, 0.25],
          clientOrderId: entryCid,
          averagePrice: 100,
          filledQuantity: 1,
        }),
      ]);
  });

  it('a NEW report (accepted) changes nothing', () => {
    exchangeOnly
      .given(created())
      .when(report(entryCid, 'NEW', { exchangeOrderId: 'x-1' }))
      .then([]);
  });
});

describe.each(SIDES)('duplicate and late reports of a %s are idempotent', (side) => {
  const px = mirror(side);
  const tp1Working = () => exchangeOnly.history(aSmartOrder(side), entryFill(), tick(px(105), 10));

  it('the same TRADE report twice fills once', () => {
    exchangeOnly
      .given(tp1Working())
      .when(trade(tpCid(1), px(105), 0.2, 11), trade(tpCid(1), px(105), 0.2, 11))
      .then([
        event('TpFilled', 11, { level: 1, price: px(105), quantity: 0.2, clientOrderId: tpCid(1) }),
      ]);
  });

  it('a late report with a lower cumulative quantity changes nothing', () => {
    exchangeOnly
      .given(tp1Working())
      .when(trade(tpCid(1), px(105), 0.3, 11), trade(tpCid(1), px(105), 0.1, 12))
      .then([
        event('TpFilled', 11, { level: 1, price: px(105), quantity: 0.3, clientOrderId: tpCid(1) }),
      ]);
  });

  it('a repeated entry fill changes nothing', () => {
    exchangeOnly
      .given(activeOrder(side))
      .when(entryFill(), report(entryCid, 'CANCELED', { cumulativeQuantity: 1 }))
      .then([]);
  });

  it('a fill report beyond a level’s quantity is counted up to it', () => {
    exchangeOnly
      .given(tp1Working())
      .when(trade(tpCid(1), px(105), 0.5, 11))
      .then([
        event('TpFilled', 11, { level: 1, price: px(105), quantity: 0.4, clientOrderId: tpCid(1) }),
      ]);
  });

  it('a cancel report for an exit that already filled changes nothing', () => {
    exchangeOnly
      .given(tp1Working())
      .when(
        trade(tpCid(1), px(105), 0.4, 11),
        report(tpCid(1), 'CANCELED', { ts: 12, cumulativeQuantity: 0.4 }),
      )
      .then([
        event('TpFilled', 11, { level: 1, price: px(105), quantity: 0.4, clientOrderId: tpCid(1) }),
      ]);
  });

  it('a take-profit sent again after the venue dropped a part-filled attempt counts the new order’s own fills (SEMANTICS §9.4)', () => {
    const dropped = exchangeOnly.history(
      aSmartOrder(side),
      entryFill(),
      tick(px(105), 10),
      trade(tpCid(1), px(105), 0.1, 11),
      report(tpCid(1), 'EXPIRED', { ts: 12, cumulativeQuantity: 0.1 }),
      tick(px(105), 13),
    );
    expect(dropped.at(-1)).toEqual(
      event('TpTriggered', 13, {
        level: 1,
        price: px(105),
        targetPrice: px(105),
        quantity: 0.3,
        clientOrderId: tpCid(1, 2),
      }),
    );
    const state = exchangeOnly
      .given(dropped)
      .when(trade(tpCid(1, 2), px(105), 0.1, 14), trade(tpCid(1, 2), px(105), 0.3, 15, 0.2))
      .then([
        event('TpFilled', 14, {
          level: 1,
          price: px(105),
          quantity: 0.1,
          clientOrderId: tpCid(1, 2),
        }),
        event('TpFilled', 15, {
          level: 1,
          price: px(105),
          quantity: 0.2,
          clientOrderId: tpCid(1, 2),
        }),
      ]);
    expect(state?.takeProfits[0]).toMatchObject({
      filledQuantity: 0.4,
      status: 'FILLED',
      working: false,
    });
  });

  it('a report about an earlier attempt of this order’s exits is ignored', () => {
    const stale = clientOrderId('o-1', PURPOSE.stopLoss, 0, 7);
    exchangeOnly
      .given(tp1Working())
      .when(trade(stale, px(95), 1, 11), trade(tpCid(2), px(110), 0.35, 11))
      .then([]);
  });

  it('a report about a stop exit after its fill is ignored while the order waits for other exits', () => {
    const stopFiredWithTp1Working = exchangeOnly.history(
      aSmartOrder(side),
      entryFill(),
      tick(px(105), 10),
      tick(px(95), 11),
    );
    exchangeOnly
      .given(stopFiredWithTp1Working)
      .when(trade(stopCid(), px(95), 0.6, 12), trade(stopCid(), px(95), 0.6, 13))
      .then([
        event('StopLossFilled', 12, { price: px(95), quantity: 0.6, clientOrderId: stopCid() }),
      ]);
  });
});

describe('reports that do not apply', () => {
  it('a client order id the engine did not place for this order is UNKNOWN_CLIENT_ORDER_ID', () => {
    exchangeOnly
      .given(activeOrder('BUY'))
      .when(trade('someone-else', 100, 1))
      .thenRejects(
        'UNKNOWN_CLIENT_ORDER_ID',
        'clientOrderId: someone-else is not an order that the engine placed for o-1',
      );
    exchangeOnly
      .given(activeOrder('BUY'))
      .when(trade(clientOrderId('o-2', PURPOSE.takeProfit, 1, 1), 100, 1))
      .thenRejects('UNKNOWN_CLIENT_ORDER_ID');
  });

  it('a TRADE report without a price or a quantity is VALIDATION_FAILED', () => {
    exchangeOnly
      .given(activeOrder('BUY'))
      .when(report(entryCid, 'TRADE', { cumulativeQuantity: 1 }))
      .thenRejects(
        'VALIDATION_FAILED',
        'a TRADE report needs lastPrice and cumulativeQuantity (or lastQuantity)',
      );
    exchangeOnly
      .given(activeOrder('BUY'))
      .when(report(entryCid, 'TRADE', { lastPrice: 100 }))
      .thenRejects('VALIDATION_FAILED');
  });

  it('a report with a field of the wrong kind is VALIDATION_FAILED, naming the field', () => {
    exchangeOnly
      .given(activeOrder('BUY'))
      .when(report(entryCid, 'FILLED' as 'TRADE'))
      .thenRejects(
        'VALIDATION_FAILED',
        'execType: must be "NEW" or "TRADE" or "CANCELED" or "EXPIRED" or "REJECTED", got "FILLED"',
      );
  });
});
