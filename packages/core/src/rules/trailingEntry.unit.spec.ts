import { event } from '../events/orderEvent';
import {
  aSmartOrder,
  entryCid,
  exchangeOnly,
  paper,
  stopCid,
  tick,
  trade,
} from '../testing/fixtures.spec.helper';
import { entryTriggerFor } from './trailingEntry';

const trailingEntry = (callbackRate: number, activationPrice?: number) => ({
  entry: {
    type: 'TRAILING' as const,
    callbackRate,
    ...(activationPrice === undefined ? {} : { activationPrice }),
  },
});

/** A long with a 2 % trailing entry, its ladder far above anything the scenarios reach. */
const long = (activationPrice?: number) =>
  aSmartOrder('BUY', {
    ...trailingEntry(0.02, activationPrice),
    referencePrice: 100,
    takeProfits: [{ price: 150, sizePct: 100 }],
    stopLoss: { price: 50 },
  });

const short = (activationPrice?: number) =>
  aSmartOrder('SELL', {
    ...trailingEntry(0.02, activationPrice),
    referencePrice: 100,
    takeProfits: [{ price: 50, sizePct: 100 }],
    stopLoss: { price: 150 },
  });

describe('trailing entry (SEMANTICS §8.3)', () => {
  it('the trigger is rounded to the tick toward the mark: down for a long, up for a short', () => {
    expect(entryTriggerFor('BUY', 95, 0.02, 0.01)).toBe(96.9);
    expect(entryTriggerFor('BUY', 100.03, 0.02, 0.01)).toBe(102.03); // 102.0306
    expect(entryTriggerFor('SELL', 105, 0.02, 0.01)).toBe(102.9);
    expect(entryTriggerFor('SELL', 100.03, 0.02, 0.01)).toBe(98.03); // 98.0294
  });

  describe('the worked example: r 0.02, long', () => {
    it('given a created trailing entry, when 100, 95, 96.8 and 97 trade, then it arms, follows the low, waits, and buys at 97', () => {
      paper
        .given(exchangeOnly.history(long()))
        .when(tick(100, 10), tick(95, 11), tick(96.8, 12), tick(97, 13))
        .then([
          event('EntryTrailArmed', 10, { mark: 100, triggerPrice: 102 }),
          event('EntryTrailMoved', 11, { mark: 95, triggerPrice: 96.9 }),
          event('EntryTriggered', 13, {
            price: 97,
            triggerPrice: 96.9,
            quantity: 1,
            clientOrderId: entryCid,
          }),
          event('EntryFilled', 13, {
            price: 97,
            quantity: 1,
            takeProfitQuantities: [1],
            clientOrderId: entryCid,
          }),
        ]);
    });
  });

  it('given a short trailing entry, when 100, 105, 103 and 102.9 trade, then it follows the high and sells at 102.9', () => {
    paper
      .given(exchangeOnly.history(short()))
      .when(tick(100, 10), tick(105, 11), tick(103, 12), tick(102.9, 13))
      .then([
        event('EntryTrailArmed', 10, { mark: 100, triggerPrice: 98 }),
        event('EntryTrailMoved', 11, { mark: 105, triggerPrice: 102.9 }),
        event('EntryTriggered', 13, {
          price: 102.9,
          triggerPrice: 102.9,
          quantity: 1,
          clientOrderId: entryCid,
        }),
        event('EntryFilled', 13, {
          price: 102.9,
          quantity: 1,
          takeProfitQuantities: [1],
          clientOrderId: entryCid,
        }),
      ]);
  });

  it('given an activation price, when the price stays above it, then nothing arms; at or below it the trail arms there', () => {
    paper
      .given(exchangeOnly.history(long(90)))
      .when(tick(100, 10), tick(91, 11), tick(90, 12))
      .then([event('EntryTrailArmed', 12, { mark: 90, triggerPrice: 91.8 })]);
  });

  it('given a short with an activation price, then it arms at or above it', () => {
    paper
      .given(exchangeOnly.history(short(110)))
      .when(tick(100, 10), tick(110, 11))
      .then([event('EntryTrailArmed', 11, { mark: 110, triggerPrice: 107.8 })]);
  });

  it('a tick that arms the trail never sends the entry on the same tick, however the rounding falls', () => {
    // 0.00001 of 100 is below one tick: the trigger rounds down onto the mark itself.
    paper
      .given(
        exchangeOnly.history(
          aSmartOrder('BUY', {
            ...trailingEntry(0.00001),
            stopLoss: undefined,
            takeProfits: [{ price: 150, sizePct: 100 }],
          }),
        ),
      )
      .when(tick(100, 10))
      .then([event('EntryTrailArmed', 10, { mark: 100, triggerPrice: 100 })]);
  });

  it('a lower price that does not lower the rounded trigger is not recorded (the mark as last recorded)', () => {
    paper
      .given(exchangeOnly.history(long()))
      .when(tick(100.009, 10), tick(100.005, 11))
      .then([event('EntryTrailArmed', 10, { mark: 100.009, triggerPrice: 102 })]);
  });

  it('on a quote tick a long follows the ask, a short the bid', () => {
    paper
      .given(exchangeOnly.history(long()))
      .when({ type: 'Tick', symbol: 'BTC/USDT', ts: 10, bid: 99, ask: 100 })
      .then([event('EntryTrailArmed', 10, { mark: 100, triggerPrice: 102 })]);
    paper
      .given(exchangeOnly.history(short()))
      .when({ type: 'Tick', symbol: 'BTC/USDT', ts: 10, bid: 100, ask: 101 })
      .then([event('EntryTrailArmed', 10, { mark: 100, triggerPrice: 98 })]);
  });

  it('the same tick twice changes nothing the second time', () => {
    paper
      .given(exchangeOnly.history(long()))
      .when(tick(100, 10), tick(95, 11), tick(95, 11))
      .then([
        event('EntryTrailArmed', 10, { mark: 100, triggerPrice: 102 }),
        event('EntryTrailMoved', 11, { mark: 95, triggerPrice: 96.9 }),
      ]);
  });

  it('given a sent trailing entry, when the exchange fills it, then the exits are watched as after any entry', () => {
    exchangeOnly
      .given(
        exchangeOnly.history(long(), tick(100, 10), tick(103, 11), trade(entryCid, 103, 1, 11)),
      )
      .when(tick(50, 12))
      .then([
        event('StopLossTriggered', 12, {
          kind: 'STOP_LOSS',
          stopPrice: 50,
          price: 50,
          quantity: 1,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 12, {
          reason: 'STOP_LOSS',
          levels: [1],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
      ]);
  });

  it('a cancel before the trigger ends the order at once: no entry was sent', () => {
    exchangeOnly
      .given(exchangeOnly.history(long(), tick(100, 10)))
      .when({ type: 'Cancel', orderId: 'o-1', ts: 11 })
      .then([
        event('OcoCancelled', 11, {
          reason: 'MANUAL_CANCEL',
          levels: [1],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('SmartOrderCancelled', 11, {
          flatten: false,
          reason: 'MANUAL',
          realisedPnl: { gross: 0, fees: 0, net: 0 },
          feesUnvalued: [],
          dust: 0,
        }),
      ]);
  });

  describe('validation', () => {
    it('an activation price off the tick grid is refused, naming the field', () => {
      exchangeOnly
        .given([])
        .when(long(90.001))
        .thenRejects(
          'VALIDATION_FAILED',
          'entry.activationPrice: must be a multiple of the tick size 0.01, got 90.001',
        );
    });

    it('levels are checked against the activation price, the entry reference', () => {
      exchangeOnly
        .given([])
        .when(
          aSmartOrder('BUY', {
            ...trailingEntry(0.02, 120),
            takeProfits: [{ price: 110, sizePct: 100 }],
          }),
        )
        .thenRejects(
          'VALIDATION_FAILED',
          'takeProfits[0].price: must be above the entry activation price 120 for a BUY, got 110',
        );
    });

    it('a callback rate outside (0, 1) is refused', () => {
      exchangeOnly
        .given([])
        .when(aSmartOrder('BUY', trailingEntry(1)))
        .thenRejects(
          'VALIDATION_FAILED',
          'entry.callbackRate: must be a fraction strictly between 0 and 1 (0.02 = 2 %), got 1',
        );
    });
  });
});
