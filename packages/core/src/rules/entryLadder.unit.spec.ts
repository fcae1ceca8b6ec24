import { clientOrderId, PURPOSE } from '../clientOrderId';
import type { CreateSmartOrder } from '../commands/createSmartOrder';
import { event } from '../events/orderEvent';
import {
  aSmartOrder,
  exchangeOnly,
  flattenCid,
  mirror,
  ORDER_ID,
  paper,
  report,
  settled,
  SIDES,
  stopCid,
  tick,
  tpCid,
  trade,
} from '../testing/fixtures.spec.helper';
import type { Side } from '../side';

const levelCid = (level: number): string => clientOrderId(ORDER_ID, PURPOSE.entry, level, 1);

/** 50 % at market, 30 % at 98, 20 % at 96 for a long (102 and 104 for a short). */
const ladder = (side: Side, overrides: Partial<CreateSmartOrder> = {}): CreateSmartOrder => {
  const px = mirror(side);
  const { entry: _one, ...rest } = aSmartOrder(side, { stopLoss: { price: px(90) } });
  return {
    ...rest,
    referencePrice: 100,
    entries: [
      { type: 'MARKET', sizePct: 50 },
      { price: px(98), sizePct: 30 },
      { price: px(96), sizePct: 20 },
    ],
    ...overrides,
  };
};

describe.each(SIDES)('entry ladder (SEMANTICS §8.4), %s', (side) => {
  const px = mirror(side);

  it('records each level as an order of its own: its quantity (the last the remainder) and client order id', () => {
    const [created] = exchangeOnly.history(ladder(side));
    expect(created?.type === 'SmartOrderCreated' && created.data.entries).toEqual([
      { type: 'MARKET', sizePct: 50, quantity: 0.5, clientOrderId: levelCid(1) },
      { price: px(98), sizePct: 30, quantity: 0.3, clientOrderId: levelCid(2) },
      { price: px(96), sizePct: 20, quantity: 0.2, clientOrderId: levelCid(3) },
    ]);
  });

  it('given a ladder, when its levels fill one by one, then each fill is an EntryFilled of its level with the average so far and the take-profits on the total', () => {
    exchangeOnly
      .given(exchangeOnly.history(ladder(side)))
      .when(
        trade(levelCid(1), 100, 0.5, 2),
        trade(levelCid(2), px(98), 0.1, 3),
        trade(levelCid(2), px(98), 0.3, 4),
      )
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 0.5,
          takeProfitQuantities: [0.2, 0.175, 0.125],
          clientOrderId: levelCid(1),
          level: 1,
          averagePrice: 100,
          filledQuantity: 0.5,
        }),
        // Each part of a level is its own EntryFilled (SEMANTICS §9.4).
        event('EntryFilled', 3, {
          price: px(98),
          quantity: 0.1,
          takeProfitQuantities: [0.24, 0.21, 0.15],
          clientOrderId: levelCid(2),
          level: 2,
          averagePrice: side === 'BUY' ? 99.666666666667 : 100.333333333333,
          filledQuantity: 0.6,
        }),
        event('EntryFilled', 4, {
          price: px(98),
          quantity: 0.2,
          takeProfitQuantities: [0.32, 0.28, 0.2],
          clientOrderId: levelCid(2),
          level: 2,
          averagePrice: px(99.25),
          filledQuantity: 0.8,
        }),
      ]);
  });

  it('given two levels filled, when the first take-profit fills, then the level not filled is cancelled and break-even uses the average entry', () => {
    paper
      .given(
        exchangeOnly.history(
          ladder(side, { breakEven: true }),
          trade(levelCid(1), 100, 0.5, 2),
          trade(levelCid(2), px(98), 0.3, 3),
        ),
      )
      .when(tick(px(105), 10))
      .then([
        event('TpTriggered', 10, {
          level: 1,
          price: px(105),
          targetPrice: px(105),
          quantity: 0.32,
          clientOrderId: tpCid(1),
        }),
        event('TpFilled', 10, {
          level: 1,
          price: px(105),
          quantity: 0.32,
          clientOrderId: tpCid(1),
        }),
        event('BreakEvenMoved', 10, { from: px(90), to: px(99.25) }),
        event('EntriesCancelled', 10, {
          levels: [3],
          reason: 'TP_FILLED',
          clientOrderIds: [levelCid(3)],
        }),
        // The paper exchange confirms a cancel at once.
        event('ExchangeOrderCancelled', 10, { clientOrderId: levelCid(3), filledQuantity: 0 }),
      ]);
  });

  // The races below are the exchange's timing (a level filling while its cancel is in flight),
  // which the paper exchange, confirming a cancel at once and filling a limit the price
  // reaches, never shows: in these scenarios the exchange's answers are the scenario's.
  const tpFills = [
    [tick(px(105), 10), trade(tpCid(1), px(105), 0.2, 10)],
    [tick(px(110), 11), trade(tpCid(2), px(110), 0.175, 11)],
    [tick(px(120), 12), trade(tpCid(3), px(120), 0.125, 12)],
  ];
  /** Level 1 filled, then the first `n` take-profits, each at its tick. */
  const tpsFilled = (n: number) =>
    exchangeOnly.history(
      ladder(side),
      trade(levelCid(1), 100, 0.5, 2),
      ...tpFills.slice(0, n).flat(),
    );

  it('given one level filled, when the stop fires, then the levels not filled are cancelled with it', () => {
    exchangeOnly
      .given(exchangeOnly.history(ladder(side), trade(levelCid(1), 100, 0.5, 2)))
      .when(tick(px(90), 10), trade(stopCid(), px(90), 0.5, 10))
      .then([
        event('StopLossTriggered', 10, {
          kind: 'STOP_LOSS',
          stopPrice: px(90),
          price: px(90),
          quantity: 0.5,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 10, {
          reason: 'STOP_LOSS',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('EntriesCancelled', 10, {
          levels: [2, 3],
          reason: 'STOP_LOSS',
          clientOrderIds: [levelCid(2), levelCid(3)],
        }),
        event('StopLossFilled', 10, { price: px(90), quantity: 0.5, clientOrderId: stopCid() }),
      ]);
  });

  it('given the first take-profit filled, when a level fills while its cancel is in flight, then the late lot is held for the stop, which exits the whole open position', () => {
    exchangeOnly
      .given(tpsFilled(1))
      .when(
        trade(levelCid(2), px(98), 0.3, 11),
        tick(px(90), 12),
        trade(stopCid(), px(90), 0.6, 12),
        report(levelCid(3), 'CANCELED', { ts: 13 }),
      )
      .then([
        event('EntryFilled', 11, {
          price: px(98),
          quantity: 0.3,
          takeProfitQuantities: [0.2, 0.175, 0.125],
          clientOrderId: levelCid(2),
          level: 2,
          averagePrice: px(99.25),
          filledQuantity: 0.8,
        }),
        event('StopLossTriggered', 12, {
          kind: 'STOP_LOSS',
          stopPrice: px(90),
          price: px(90),
          quantity: 0.6,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 12, {
          reason: 'STOP_LOSS',
          levels: [2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('StopLossFilled', 12, { price: px(90), quantity: 0.6, clientOrderId: stopCid() }),
        event('ExchangeOrderCancelled', 13, { clientOrderId: levelCid(3), filledQuantity: 0 }),
        // TP1 0.2 × 5 from 100, then 0.6 × −9.25 from the average 99.25.
        event('SmartOrderStopped', 13, { kind: 'STOP_LOSS', ...settled(-4.55) }),
      ]);
  });

  it('given every take-profit filled, when a level fills while its cancel is in flight, then the late lot is exited at market and the order ends CLOSED once flat and every level is gone', () => {
    const state = exchangeOnly
      .given(tpsFilled(3))
      .when(
        trade(levelCid(2), px(98), 0.3, 13),
        trade(flattenCid(), px(119), 0.3, 14),
        report(levelCid(3), 'CANCELED', { ts: 15 }),
      )
      .then([
        event('EntryFilled', 13, {
          price: px(98),
          quantity: 0.3,
          takeProfitQuantities: [0.2, 0.175, 0.125],
          clientOrderId: levelCid(2),
          level: 2,
          averagePrice: px(99.25),
          filledQuantity: 0.8,
        }),
        event('FlattenTriggered', 13, { quantity: 0.3, price: null, clientOrderId: flattenCid() }),
        event('FlattenFilled', 14, { price: px(119), quantity: 0.3, clientOrderId: flattenCid() }),
        event('ExchangeOrderCancelled', 15, { clientOrderId: levelCid(3), filledQuantity: 0 }),
        event('OcoCancelled', 15, {
          reason: 'ALL_TP_FILLED',
          levels: [],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        // The take-profits 1 + 1.75 + 2.5 from 100, the late lot 0.3 × 19.75 from 99.25.
        event('SmartOrderClosed', 15, settled(11.175)),
      ]);
    expect(state?.openQuantity).toBe(0);
  });

  it('given every take-profit filled and a level still cancelling, then the order does not end: the level may fill yet', () => {
    const state = exchangeOnly
      .given(tpsFilled(2))
      .when(...(tpFills[2] ?? []))
      .then([
        event('TpTriggered', 12, {
          level: 3,
          price: px(120),
          targetPrice: px(120),
          quantity: 0.125,
          clientOrderId: tpCid(3),
        }),
        event('TpFilled', 12, {
          level: 3,
          price: px(120),
          quantity: 0.125,
          clientOrderId: tpCid(3),
        }),
      ]);
    expect(state?.status).toBe('PARTIALLY_CLOSED');
    expect(state?.openQuantity).toBe(0);
  });

  it('given a PENDING ladder, when it is cancelled, then every level is cancelled and the order ends once the exchange confirms them all', () => {
    exchangeOnly
      .given(exchangeOnly.history(ladder(side)))
      .when(
        { type: 'Cancel', orderId: ORDER_ID, ts: 5 },
        report(levelCid(1), 'CANCELED', { ts: 6 }),
        report(levelCid(2), 'CANCELED', { ts: 6 }),
        report(levelCid(3), 'CANCELED', { ts: 7 }),
      )
      .then([
        event('OcoCancelled', 5, {
          reason: 'MANUAL_CANCEL',
          levels: [1, 2, 3],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('EntriesCancelled', 5, {
          levels: [1, 2, 3],
          reason: 'MANUAL_CANCEL',
          clientOrderIds: [levelCid(1), levelCid(2), levelCid(3)],
        }),
        event('CancelRequested', 5, { flatten: false }),
        event('ExchangeOrderCancelled', 6, { clientOrderId: levelCid(1), filledQuantity: 0 }),
        event('ExchangeOrderCancelled', 6, { clientOrderId: levelCid(2), filledQuantity: 0 }),
        event('ExchangeOrderCancelled', 7, { clientOrderId: levelCid(3), filledQuantity: 0 }),
        event('SmartOrderCancelled', 7, { flatten: false, reason: 'MANUAL', ...settled(0) }),
      ]);
  });
});

describe('entry ladder validation (SEMANTICS §8.4)', () => {
  const rejects = (command: CreateSmartOrder, message: string): void => {
    exchangeOnly.given([]).when(command).thenRejects('VALIDATION_FAILED', message);
  };

  it('entry or entries, exactly one', () => {
    rejects(
      { ...ladder('BUY'), entry: { type: 'MARKET' } },
      'must have exactly one of entry or entries, got both',
    );
    const { entries: _e, ...neither } = ladder('BUY');
    rejects(neither, 'entry: is required, or entries instead');
  });

  it('at most one MARKET level, and first', () => {
    rejects(
      ladder('BUY', {
        entries: [
          { price: 98, sizePct: 50 },
          { type: 'MARKET', sizePct: 50 },
        ],
      }),
      'entries[1].type: a MARKET level must be the first, and only one',
    );
  });

  it('limit prices strictly descending for a long, below the entry reference; ascending above it for a short', () => {
    rejects(
      ladder('BUY', {
        entries: [
          { price: 98, sizePct: 50 },
          { price: 99, sizePct: 50 },
        ],
      }),
      'entries[1].price: must be below the previous level 98 for a BUY (limit levels strictly descending), got 99',
    );
    rejects(
      ladder('BUY', {
        entries: [
          { type: 'MARKET', sizePct: 50 },
          { price: 101, sizePct: 50 },
        ],
      }),
      'entries[1].price: must be below the entry reference price 100 for a BUY, got 101',
    );
    rejects(
      ladder('SELL', {
        entries: [
          { type: 'MARKET', sizePct: 50 },
          { price: 99, sizePct: 50 },
        ],
      }),
      'entries[1].price: must be above the entry reference price 100 for a SELL, got 99',
    );
  });

  it('sizes sum to 100, and no level rounds to nothing', () => {
    rejects(
      ladder('BUY', {
        entries: [
          { type: 'MARKET', sizePct: 50 },
          { price: 98, sizePct: 40 },
        ],
      }),
      'entries: sizePct must sum to 100, got 90',
    );
    rejects(
      ladder('BUY', {
        quantity: 0.00000001,
        takeProfits: [{ price: 105, sizePct: 100 }],
        entries: [
          { type: 'MARKET', sizePct: 99 },
          { price: 98, sizePct: 1 },
        ],
      }),
      'entries[0].sizePct: 99 % of 1e-8 is 0, below one step 1e-8 or the minimum quantity 0: merge it into another level',
    );
  });

  it('a level price off the tick grid is refused', () => {
    rejects(
      ladder('BUY', {
        entries: [
          { type: 'MARKET', sizePct: 50 },
          { price: 98.001, sizePct: 50 },
        ],
      }),
      'entries[1].price: must be a multiple of the tick size 0.01, got 98.001',
    );
  });
});
