import { event } from '../events/orderEvent';
import {
  activeOrder,
  aSmartOrder,
  entryCid,
  entryFill,
  exchangeOnly,
  mirror,
  SIDES,
  tick,
  tpCid,
  trade,
} from '../testing/fixtures.spec.helper';

describe.each(SIDES)('break-even of a %s (SEMANTICS §3.5)', (side) => {
  const px = mirror(side);
  const afterTp1Triggered = (overrides = {}) =>
    exchangeOnly.history(
      aSmartOrder(side, { breakEven: true, ...overrides }),
      entryFill(),
      tick(px(105), 10),
    );

  it('moves the fixed stop to the entry fill price when the first TP fill lands, after that fill', () => {
    exchangeOnly
      .given(afterTp1Triggered())
      .when(trade(tpCid(1), px(105), 0.4, 11))
      .then([
        event('TpFilled', 11, { level: 1, price: px(105), quantity: 0.4, clientOrderId: tpCid(1) }),
        event('BreakEvenMoved', 11, { from: px(95), to: 100 }),
      ]);
  });

  it('moves on the first partial fill of a level, and only once', () => {
    exchangeOnly
      .given(afterTp1Triggered())
      .when(trade(tpCid(1), px(105), 0.1, 11), trade(tpCid(1), px(105), 0.4, 12, 0.3))
      .then([
        event('TpFilled', 11, { level: 1, price: px(105), quantity: 0.1, clientOrderId: tpCid(1) }),
        event('BreakEvenMoved', 11, { from: px(95), to: 100 }),
        event('TpFilled', 12, { level: 1, price: px(105), quantity: 0.3, clientOrderId: tpCid(1) }),
      ]);
  });

  it('moves an order without a stop loss to break-even (from null)', () => {
    exchangeOnly
      .given(afterTp1Triggered({ stopLoss: undefined }))
      .when(trade(tpCid(1), px(105), 0.4, 11))
      .then([
        event('TpFilled', 11, { level: 1, price: px(105), quantity: 0.4, clientOrderId: tpCid(1) }),
        event('BreakEvenMoved', 11, { from: null, to: 100 }),
      ]);
  });

  it('does nothing when break-even is off', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side), entryFill(), tick(px(105), 10)))
      .when(trade(tpCid(1), px(105), 0.4, 11))
      .then([
        event('TpFilled', 11, { level: 1, price: px(105), quantity: 0.4, clientOrderId: tpCid(1) }),
      ]);
  });

  it('leaves a fixed stop that is already at the entry price or tighter', () => {
    for (const stop of [100, 101]) {
      const given = [
        ...afterTp1Triggered(),
        event('StopLossModified', 10, { from: px(95), to: px(stop) }),
      ];
      exchangeOnly
        .given(given)
        .when(trade(tpCid(1), px(105), 0.4, 11))
        .then([
          event('TpFilled', 11, {
            level: 1,
            price: px(105),
            quantity: 0.4,
            clientOrderId: tpCid(1),
          }),
        ]);
    }
  });

  it('follows only the first TP fill: a stop the user loosened afterwards stays where the user put it', () => {
    const given = [
      ...exchangeOnly.history(
        aSmartOrder(side, { breakEven: true }),
        entryFill(),
        tick(px(105), 10),
        trade(tpCid(1), px(105), 0.4, 11),
        { type: 'ModifyStopLoss', orderId: 'o-1', ts: 12, price: px(97), lastPrice: px(105) },
      ),
    ];
    exchangeOnly
      .given(given)
      .when(tick(px(110), 13), trade(tpCid(2), px(110), 0.35, 14))
      .then([
        event('TpTriggered', 13, {
          level: 2,
          price: px(110),
          targetPrice: px(110),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
        event('TpFilled', 14, {
          level: 2,
          price: px(110),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
      ]);
  });

  it('does not move at a later fill when the first fill found the stop already tighter', () => {
    const afterFirstFill = [
      ...afterTp1Triggered(),
      event('StopLossModified', 10, { from: px(95), to: px(101) }),
      event('TpFilled', 11, { level: 1, price: px(105), quantity: 0.4, clientOrderId: tpCid(1) }),
      event('StopLossModified', 12, { from: px(101), to: px(97) }),
    ];
    exchangeOnly
      .given(afterFirstFill)
      .when(tick(px(110), 13), trade(tpCid(2), px(110), 0.35, 14))
      .then([
        event('TpTriggered', 13, {
          level: 2,
          price: px(110),
          targetPrice: px(110),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
        event('TpFilled', 14, {
          level: 2,
          price: px(110),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
      ]);
  });
});

describe('break-even at an average entry price off the tick grid', () => {
  const filledInTwoLots = (side: 'BUY' | 'SELL') => {
    const px = mirror(side);
    return exchangeOnly.history(
      aSmartOrder(side, { breakEven: true }),
      trade(entryCid, 100, 0.5, 2),
      trade(entryCid, 100.01, 1, 3, 0.5),
      tick(px(105), 10),
    );
  };

  it('rounds a long stop up to the tick, so it never sits below break-even', () => {
    const given = filledInTwoLots('BUY');
    expect(given).toContainEqual(
      // The second part (SEMANTICS §9.4): 0.5 at 100.01, the whole entry at 100.005 on average.
      event('EntryFilled', 3, {
        price: 100.01,
        quantity: 0.5,
        takeProfitQuantities: [0.4, 0.35, 0.25],
        clientOrderId: entryCid,
        averagePrice: 100.005,
        filledQuantity: 1,
      }),
    );
    exchangeOnly
      .given(given)
      .when(trade(tpCid(1), 105, 0.4, 11))
      .then([
        event('TpFilled', 11, { level: 1, price: 105, quantity: 0.4, clientOrderId: tpCid(1) }),
        event('BreakEvenMoved', 11, { from: 95, to: 100.01 }),
      ]);
  });

  it('rounds a short stop down to the tick', () => {
    exchangeOnly
      .given(filledInTwoLots('SELL'))
      .when(trade(tpCid(1), 95, 0.4, 11))
      .then([
        event('TpFilled', 11, { level: 1, price: 95, quantity: 0.4, clientOrderId: tpCid(1) }),
        event('BreakEvenMoved', 11, { from: 105, to: 100 }),
      ]);
  });
});

describe('break-even on an order without a fill', () => {
  it('has nothing to do before the first TP fill', () => {
    exchangeOnly
      .given(activeOrder('BUY', { breakEven: true }))
      .when(tick(104))
      .then([]);
  });
});
