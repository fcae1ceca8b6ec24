import Big from 'big.js';
import fc from 'fast-check';
import { event } from '../events/orderEvent';
import {
  activeOrder,
  aSmartOrder,
  entryCid,
  entryFill,
  exchangeOnly,
  paper,
  stopCid,
  tick,
  settled,
} from '../testing/fixtures.spec.helper';
import { trailingStopFor } from './trailing';

const farLadder = { takeProfits: [{ price: 150, sizePct: 100 }], stopLoss: undefined };
const farShortLadder = { takeProfits: [{ price: 50, sizePct: 100 }], stopLoss: undefined };

describe('trailing stop (SEMANTICS §3.2)', () => {
  describe('the worked example: 2 %, long', () => {
    const trailing = { callbackRate: 0.02 };

    it('arms at the entry fill: mark 100, stop 98', () => {
      exchangeOnly
        .given(exchangeOnly.history(aSmartOrder('BUY', { ...farLadder, trailing })))
        .when(entryFill(100))
        .then([
          event('EntryFilled', 2, {
            price: 100,
            quantity: 1,
            takeProfitQuantities: [1],
            clientOrderId: entryCid,
          }),
          event('TrailingArmed', 2, { mark: 100, stopPrice: 98 }),
        ]);
    });

    it('price 110 raises the mark to 110 and the stop to exactly 107.8', () => {
      paper
        .given(activeOrder('BUY', { ...farLadder, trailing }))
        .when(tick(110))
        .then([event('TrailingRaised', 10, { mark: 110, stopPrice: 107.8 })]);
    });

    it('price 107 then fires the trailing stop', () => {
      paper
        .given(activeOrder('BUY', { ...farLadder, trailing }))
        .when(tick(110, 10), tick(107, 11))
        .then([
          event('TrailingRaised', 10, { mark: 110, stopPrice: 107.8 }),
          event('StopLossTriggered', 11, {
            kind: 'TRAILING_STOP',
            stopPrice: 107.8,
            price: 107,
            quantity: 1,
            clientOrderId: stopCid(),
          }),
          event('OcoCancelled', 11, {
            reason: 'TRAILING_STOP',
            levels: [1],
            stopLoss: false,
            entry: false,
            clientOrderIds: [],
          }),
          event('StopLossFilled', 11, { price: 107, quantity: 1, clientOrderId: stopCid() }),
          event('SmartOrderStopped', 11, { kind: 'TRAILING_STOP', ...settled(7) }),
        ]);
    });
  });

  describe('the worked example mirrored: 2 %, short', () => {
    const trailing = { callbackRate: 0.02 };

    it('arms at entry 100 with the stop at 102, follows the price down to 90 (stop 91.8) and fires at 92', () => {
      exchangeOnly
        .given(exchangeOnly.history(aSmartOrder('SELL', { ...farShortLadder, trailing })))
        .when(entryFill(100))
        .then([
          event('EntryFilled', 2, {
            price: 100,
            quantity: 1,
            takeProfitQuantities: [1],
            clientOrderId: entryCid,
          }),
          event('TrailingArmed', 2, { mark: 100, stopPrice: 102 }),
        ]);
      paper
        .given(activeOrder('SELL', { ...farShortLadder, trailing }))
        .when(tick(90, 10), tick(92, 11))
        .then([
          event('TrailingRaised', 10, { mark: 90, stopPrice: 91.8 }),
          event('StopLossTriggered', 11, {
            kind: 'TRAILING_STOP',
            stopPrice: 91.8,
            price: 92,
            quantity: 1,
            clientOrderId: stopCid(),
          }),
          event('OcoCancelled', 11, {
            reason: 'TRAILING_STOP',
            levels: [1],
            stopLoss: false,
            entry: false,
            clientOrderIds: [],
          }),
          event('StopLossFilled', 11, { price: 92, quantity: 1, clientOrderId: stopCid() }),
          event('SmartOrderStopped', 11, { kind: 'TRAILING_STOP', ...settled(8) }),
        ]);
    });
  });

  describe('rounding toward the market, in exact decimals', () => {
    it('rounds a long stop up to the tick and a short stop down', () => {
      expect(trailingStopFor('BUY', 101.23, 0.03, 0.01)).toBe(98.2); // 98.1931
      expect(trailingStopFor('SELL', 101.23, 0.03, 0.01)).toBe(104.26); // 104.2669
      expect(trailingStopFor('BUY', 110, 0.02, 0.01)).toBe(107.8);
      expect(trailingStopFor('SELL', 90, 0.02, 0.01)).toBe(91.8);
      expect(trailingStopFor('BUY', 101, 0.02, 0.5)).toBe(99); // 98.98
      expect(trailingStopFor('SELL', 99, 0.02, 0.5)).toBe(100.5); // 100.98
    });

    it('leaves a stop that lands on the grid where it is', () => {
      // In binary floating point 13 × 0.9 is 11.700000000000001, which would round up to 11.71.
      expect(trailingStopFor('BUY', 13, 0.1, 0.01)).toBe(11.7);
      expect(trailingStopFor('BUY', 0.3, 0.1, 0.01)).toBe(0.27);
      expect(trailingStopFor('SELL', 0.3, 0.1, 0.01)).toBe(0.33);
    });
  });

  describe('when the mark is recorded', () => {
    const trailing = { callbackRate: 0.02 };

    it('records a higher price only when the rounded stop rises', () => {
      // 101.01 × 0.98 = 98.9898 → 98.99; 101.0102 × 0.98 = 98.989996 still rounds up to 98.99.
      paper
        .given(activeOrder('BUY', { ...farLadder, trailing }))
        .when(tick(101.01, 10), tick(101.0102, 11), tick(101.03, 12))
        .then([
          event('TrailingRaised', 10, { mark: 101.01, stopPrice: 98.99 }),
          event('TrailingRaised', 12, { mark: 101.03, stopPrice: 99.01 }),
        ]);
    });

    it('never lowers the stop of a long when the price falls back', () => {
      paper
        .given(activeOrder('BUY', { ...farLadder, trailing }))
        .when(tick(110, 10), tick(108, 11), tick(109.99, 12))
        .then([event('TrailingRaised', 10, { mark: 110, stopPrice: 107.8 })]);
    });

    it('never raises the stop of a short when the price rises back', () => {
      paper
        .given(activeOrder('SELL', { ...farShortLadder, trailing }))
        .when(tick(90, 10), tick(91, 11), tick(90.01, 12))
        .then([event('TrailingRaised', 10, { mark: 90, stopPrice: 91.8 })]);
    });
  });

  describe('activation price', () => {
    it('does not arm at the entry fill, but once the price reaches the activation price (long)', () => {
      const order = aSmartOrder('BUY', {
        ...farLadder,
        trailing: { callbackRate: 0.02, activationPrice: 105 },
      });
      exchangeOnly
        .given(exchangeOnly.history(order))
        .when(entryFill(100))
        .then([
          event('EntryFilled', 2, {
            price: 100,
            quantity: 1,
            takeProfitQuantities: [1],
            clientOrderId: entryCid,
          }),
        ]);
      paper
        .given(exchangeOnly.history(order, entryFill(100)))
        .when(tick(104.99, 10), tick(90, 11), tick(105.5, 12), tick(106, 13))
        .then([
          event('TrailingArmed', 12, { mark: 105.5, stopPrice: 103.39 }),
          event('TrailingRaised', 13, { mark: 106, stopPrice: 103.88 }),
        ]);
    });

    it('arms a short at or below its activation price', () => {
      const order = aSmartOrder('SELL', {
        ...farShortLadder,
        trailing: { callbackRate: 0.02, activationPrice: 95 },
      });
      paper
        .given(exchangeOnly.history(order, entryFill(100)))
        .when(tick(95.01, 10), tick(95, 11))
        .then([event('TrailingArmed', 11, { mark: 95, stopPrice: 96.9 })]);
    });

    it('a trailing stop that is not armed never fires', () => {
      const order = aSmartOrder('BUY', {
        ...farLadder,
        trailing: { callbackRate: 0.02, activationPrice: 105 },
      });
      paper
        .given(exchangeOnly.history(order, entryFill(100)))
        .when(tick(50, 10))
        .then([]);
    });
  });
});

describe('trailingStopFor, in integers on the tick grid', () => {
  /** The rule as SEMANTICS §3.2 states it, in decimal arithmetic. */
  const definition = (long: boolean, mark: number, rate: number, tick: number): number =>
    new Big(mark)
      .times(long ? new Big(1).minus(rate) : new Big(1).plus(rate))
      .div(tick)
      .round(0, long ? Big.roundUp : Big.roundDown)
      .times(tick)
      .toNumber();

  it('is the decimal definition for every mark on the grid, callback rate and tick size', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(1, 2, 5, 25),
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 9_999 }),
        (long, decimals, units, markTicks, rateDecimals, rateUnits) => {
          const tick = units / 10 ** decimals;
          const mark = (markTicks * units) / 10 ** decimals;
          const rate = (rateUnits % 10 ** rateDecimals || 1) / 10 ** rateDecimals;
          expect(trailingStopFor(long ? 'BUY' : 'SELL', mark, rate, tick)).toBe(
            definition(long, mark, rate, tick),
          );
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
