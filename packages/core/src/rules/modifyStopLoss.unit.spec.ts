import type { ModifyStopLoss } from '../commands/liveCommands';
import { event } from '../events/orderEvent';
import {
  activeOrder,
  aSmartOrder,
  entryFill,
  exchangeOnly,
  mirror,
  paper,
  SIDES,
  stopCid,
  tick,
  tpCid,
  trade,
  settled,
} from '../testing/fixtures.spec.helper';

const modify = (price: number, fields: Partial<ModifyStopLoss> = {}): ModifyStopLoss => ({
  type: 'ModifyStopLoss',
  orderId: 'o-1',
  ts: 20,
  price,
  ...fields,
});

describe.each(SIDES)('ModifyStopLoss on a %s (SEMANTICS §4)', (side) => {
  const px = mirror(side);
  const word = side === 'BUY' ? 'below' : 'above';

  it('sets a new fixed stop on an ACTIVE order, which then fires as STOP_LOSS', () => {
    paper
      .given(activeOrder(side))
      .when(modify(px(97), { lastPrice: px(99) }), tick(px(97), 21))
      .then([
        event('StopLossModified', 20, { from: px(95), to: px(97) }),
        event('StopLossTriggered', 21, {
          kind: 'STOP_LOSS',
          stopPrice: px(97),
          price: px(97),
          quantity: 1,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 21, {
          reason: 'STOP_LOSS',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('StopLossFilled', 21, { price: px(97), quantity: 1, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 21, { kind: 'STOP_LOSS', ...settled(-3) }),
      ]);
  });

  it('may loosen the stop: that is the user’s call', () => {
    exchangeOnly
      .given(activeOrder(side))
      .when(modify(px(90), { lastPrice: px(99) }))
      .then([event('StopLossModified', 20, { from: px(95), to: px(90) })]);
  });

  it('adds a stop to an order that had none', () => {
    exchangeOnly
      .given(activeOrder(side, { stopLoss: undefined }))
      .when(modify(px(96)))
      .then([event('StopLossModified', 20, { from: null, to: px(96) })]);
  });

  it('applies to a PARTIALLY_CLOSED order', () => {
    exchangeOnly
      .given(
        exchangeOnly.history(
          aSmartOrder(side),
          entryFill(),
          tick(px(105), 10),
          trade(tpCid(1), px(105), 0.4, 11),
        ),
      )
      .when(modify(px(101), { lastPrice: px(104) }))
      .then([event('StopLossModified', 20, { from: px(95), to: px(101) })]);
  });

  it('applies to a PENDING order, within the entry price', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side)))
      .when(modify(px(99)))
      .then([event('StopLossModified', 20, { from: px(95), to: px(99) })]);
  });

  it('is refused at or beyond the last price: it would fire at once', () => {
    exchangeOnly
      .given(activeOrder(side))
      .when(modify(px(99), { lastPrice: px(99) }))
      .thenRejects(
        'INVALID_STOP_PRICE',
        `price: the stop of a ${side} must be ${word} the last price ${px(99)}, got ${px(99)} (it would fire at once)`,
      );
    exchangeOnly
      .given(activeOrder(side))
      .when(modify(px(100), { lastPrice: px(99) }))
      .thenRejects('INVALID_STOP_PRICE');
  });

  it('is refused at or beyond the entry price while PENDING', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side)))
      .when(modify(100))
      .thenRejects('INVALID_STOP_PRICE', `must be ${word} the entry price 100, got 100`);
  });

  it('is refused off the tick grid', () => {
    exchangeOnly
      .given(activeOrder(side))
      .when(modify(px(96.005)))
      .thenRejects(
        'VALIDATION_FAILED',
        `price: must be a multiple of the tick size 0.01, got ${px(96.005)}`,
      );
  });

  it('to the stop it already has, is a no-op', () => {
    exchangeOnly
      .given(activeOrder(side))
      .when(modify(px(95)))
      .then([]);
  });

  it('to the price break-even moved the stop to, makes it the user’s STOP_LOSS again', () => {
    paper
      .given(paper.history(aSmartOrder(side, { breakEven: true }), entryFill(), tick(px(105), 10)))
      .when(modify(100, { lastPrice: px(104) }), tick(100, 21))
      .then([
        event('StopLossModified', 20, { from: 100, to: 100 }),
        event('StopLossTriggered', 21, {
          kind: 'STOP_LOSS',
          stopPrice: 100,
          price: 100,
          quantity: 0.6,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 21, {
          reason: 'STOP_LOSS',
          levels: [2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('StopLossFilled', 21, { price: 100, quantity: 0.6, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 21, { kind: 'STOP_LOSS', ...settled(2) }),
      ]);
  });

  it('rejects a price that is not a positive number', () => {
    exchangeOnly
      .given(activeOrder(side))
      .when(modify(-1))
      .thenRejects('VALIDATION_FAILED', 'price: must be a finite number > 0, got -1');
  });
});

describe.each(SIDES)(
  'the last price for a stop check is the price the stop triggers on, %s (SEMANTICS §4)',
  (side) => {
    const px = mirror(side);
    // The quote bid 99 / ask 101 is its own mirror image around 100.
    const book = { lastBid: 99, lastAsk: 101 };

    it('on a quote tick without a trade price, a stop beyond the bid (long) / ask (short) is refused', () => {
      exchangeOnly
        .given(activeOrder(side))
        .when(modify(px(99.5), book))
        .thenRejects('INVALID_STOP_PRICE');
    });

    it('on a quote tick, a stop on the safe side of the bid (long) / ask (short) is accepted', () => {
      exchangeOnly
        .given(activeOrder(side))
        .when(modify(px(98.5), book))
        .then([event('StopLossModified', 20, { from: px(95), to: px(98.5) })]);
    });

    it('a BID_ASK order checks against the bid (long) / ask (short), not the trade price', () => {
      exchangeOnly
        .given(activeOrder(side, { triggerSource: 'BID_ASK' }))
        .when(modify(px(99.5), { lastPrice: 100, ...book }))
        .thenRejects('INVALID_STOP_PRICE');
    });

    it('a LAST order with a trade price checks against the trade price', () => {
      exchangeOnly
        .given(activeOrder(side))
        .when(modify(px(99.5), { lastPrice: 100, ...book }))
        .then([event('StopLossModified', 20, { from: px(95), to: px(99.5) })]);
    });
  },
);
