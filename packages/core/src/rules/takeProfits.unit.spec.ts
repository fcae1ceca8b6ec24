import { event } from '../events/orderEvent';
import {
  activeOrder,
  aSmartOrder,
  entryCid,
  entryFill,
  exchangeOnly,
  mirror,
  paper,
  report,
  SIDES,
  tick,
  tpCid,
  trade,
  settled,
} from '../testing/fixtures.spec.helper';
import { takeProfitQuantities } from './takeProfits';

describe('take-profit quantities, fixed at the entry fill (SEMANTICS §3.1)', () => {
  it('splits quantity 1 of the 40 / 35 / 25 ladder into 0.4, 0.35 and 0.25', () => {
    expect(takeProfitQuantities(1, [40, 35, 25], 0.00000001)).toEqual([0.4, 0.35, 0.25]);
  });

  it('floors each level but the last to the step; the last takes the exact remainder', () => {
    // 40 % of 0.07 = 0.028 → 0.02; 35 % = 0.0245 → 0.02; the last level takes 0.07 − 0.04.
    expect(takeProfitQuantities(0.07, [40, 35, 25], 0.01)).toEqual([0.02, 0.02, 0.03]);
    expect(takeProfitQuantities(1, [33.33, 33.33, 33.34], 0.001)).toEqual([0.333, 0.333, 0.334]);
    expect(takeProfitQuantities(0.3, [50, 50], 0.1)).toEqual([0.1, 0.2]);
  });

  it('records the quantities in EntryFilled', () => {
    exchangeOnly
      .given(
        exchangeOnly.history(
          aSmartOrder('BUY', { quantity: 0.07, market: { tickSize: 0.01, stepSize: 0.01 } }),
        ),
      )
      .when(entryFill(100, 0.07))
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 0.07,
          takeProfitQuantities: [0.02, 0.02, 0.03],
          clientOrderId: entryCid,
        }),
      ]);
  });
});

describe.each(SIDES)('take-profits of a %s (SEMANTICS §3.4)', (side) => {
  const px = mirror(side);

  it('triggers a level when the price reaches it, not before', () => {
    exchangeOnly
      .given(activeOrder(side))
      .when(tick(px(104.99), 10), tick(px(105), 11))
      .then([
        event('TpTriggered', 11, {
          level: 1,
          price: px(105),
          targetPrice: px(105),
          quantity: 0.4,
          clientOrderId: tpCid(1),
        }),
      ]);
  });

  it('fills a triggered level from the exchange report: the order becomes PARTIALLY_CLOSED', () => {
    const given = exchangeOnly.history(aSmartOrder(side), entryFill(), tick(px(106), 10));
    const state = exchangeOnly
      .given(given)
      .when(trade(tpCid(1), px(106), 0.4, 11))
      .then([
        event('TpFilled', 11, { level: 1, price: px(106), quantity: 0.4, clientOrderId: tpCid(1) }),
      ]);
    expect(state?.status).toBe('PARTIALLY_CLOSED');
    expect(state?.openQuantity).toBe(0.6);
    expect(state?.takeProfits.map((l) => l.status)).toEqual(['FILLED', 'PENDING', 'PENDING']);
  });

  it('does not trigger a triggered level again', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side), entryFill(), tick(px(106), 10)))
      .when(tick(px(107), 11))
      .then([]);
  });

  it('runs the 3-level ladder with break-even to CLOSED, one level per tick', () => {
    const state = paper
      .given(activeOrder(side, { breakEven: true }))
      .when(tick(px(105), 10), tick(px(110), 11), tick(px(120), 12))
      .then([
        event('TpTriggered', 10, {
          level: 1,
          price: px(105),
          targetPrice: px(105),
          quantity: 0.4,
          clientOrderId: tpCid(1),
        }),
        event('TpFilled', 10, { level: 1, price: px(105), quantity: 0.4, clientOrderId: tpCid(1) }),
        event('BreakEvenMoved', 10, { from: px(95), to: 100 }),
        event('TpTriggered', 11, {
          level: 2,
          price: px(110),
          targetPrice: px(110),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
        event('TpFilled', 11, {
          level: 2,
          price: px(110),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
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
    expect(state?.status).toBe('CLOSED');
    expect(state?.openQuantity).toBe(0);
    // 0.4 × 5 + 0.35 × 10 + 0.25 × 20 = 10.5, for a long and its mirror alike.
    expect(state?.realisedPnl).toBe(10.5);
  });

  it('triggers every level one tick gaps through, lowest first; paper fills each there, break-even after the first fill', () => {
    paper
      .given(activeOrder(side, { breakEven: true }))
      .when(tick(px(125), 10))
      .then([
        event('TpTriggered', 10, {
          level: 1,
          price: px(125),
          targetPrice: px(105),
          quantity: 0.4,
          clientOrderId: tpCid(1),
        }),
        event('TpTriggered', 10, {
          level: 2,
          price: px(125),
          targetPrice: px(110),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
        event('TpTriggered', 10, {
          level: 3,
          price: px(125),
          targetPrice: px(120),
          quantity: 0.25,
          clientOrderId: tpCid(3),
        }),
        event('TpFilled', 10, { level: 1, price: px(125), quantity: 0.4, clientOrderId: tpCid(1) }),
        event('BreakEvenMoved', 10, { from: px(95), to: 100 }),
        event('TpFilled', 10, {
          level: 2,
          price: px(125),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
        event('TpFilled', 10, {
          level: 3,
          price: px(125),
          quantity: 0.25,
          clientOrderId: tpCid(3),
        }),
        event('OcoCancelled', 10, {
          reason: 'ALL_TP_FILLED',
          levels: [],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('SmartOrderClosed', 10, settled(25)),
      ]);
  });

  it('a gap over two of three levels triggers those two, nearest first', () => {
    paper
      .given(activeOrder(side))
      .when(tick(px(115), 10))
      .then([
        event('TpTriggered', 10, {
          level: 1,
          price: px(115),
          targetPrice: px(105),
          quantity: 0.4,
          clientOrderId: tpCid(1),
        }),
        event('TpTriggered', 10, {
          level: 2,
          price: px(115),
          targetPrice: px(110),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
        event('TpFilled', 10, { level: 1, price: px(115), quantity: 0.4, clientOrderId: tpCid(1) }),
        event('TpFilled', 10, {
          level: 2,
          price: px(115),
          quantity: 0.35,
          clientOrderId: tpCid(2),
        }),
      ]);
  });

  it('counts partial fills of a level until it has filled its quantity', () => {
    const given = exchangeOnly.history(aSmartOrder(side), entryFill(), tick(px(105), 10));
    const state = exchangeOnly
      .given(given)
      .when(trade(tpCid(1), px(105), 0.1, 11), trade(tpCid(1), px(105.5), 0.4, 12, 0.3))
      .then([
        event('TpFilled', 11, { level: 1, price: px(105), quantity: 0.1, clientOrderId: tpCid(1) }),
        event('TpFilled', 12, {
          level: 1,
          price: px(105.5),
          quantity: 0.3,
          clientOrderId: tpCid(1),
        }),
      ]);
    expect(state?.takeProfits[0]).toMatchObject({ status: 'FILLED', filledQuantity: 0.4 });
  });

  it('sends a level that the exchange cancelled again, as the next attempt, for what is left of it', () => {
    const given = exchangeOnly.history(
      aSmartOrder(side),
      entryFill(),
      tick(px(105), 10),
      trade(tpCid(1), px(105), 0.1, 11),
    );
    exchangeOnly
      .given(given)
      .when(
        report(tpCid(1), 'EXPIRED', { ts: 12, cumulativeQuantity: 0.1 }),
        tick(px(104), 13),
        tick(px(105.5), 14),
      )
      .then([
        event('ExchangeOrderCancelled', 12, { clientOrderId: tpCid(1), filledQuantity: 0.1 }),
        event('TpTriggered', 14, {
          level: 1,
          price: px(105.5),
          targetPrice: px(105),
          quantity: 0.3,
          clientOrderId: tpCid(1, 2),
        }),
      ]);
  });
});

describe('a level that rounds to nothing', () => {
  it('is done at once when it triggers: there is no exchange order to wait for', () => {
    // Only 2e-8 of the entry filled: the first two levels floor to 0, the last takes all.
    const given = exchangeOnly.history(
      aSmartOrder('BUY'),
      trade(entryCid, 100, 0.00000002, 2),
      report(entryCid, 'CANCELED', { ts: 3, cumulativeQuantity: 0.00000002 }),
    );
    exchangeOnly
      .given(given)
      .when(tick(105, 10))
      .then([
        event('TpTriggered', 10, {
          level: 1,
          price: 105,
          targetPrice: 105,
          quantity: 0,
          clientOrderId: tpCid(1),
        }),
        event('TpFilled', 10, { level: 1, price: 105, quantity: 0, clientOrderId: tpCid(1) }),
      ]);
  });
});
