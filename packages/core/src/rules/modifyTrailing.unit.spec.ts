import type { ModifyTrailing } from '../commands/liveCommands';
import { event } from '../events/orderEvent';
import {
  activeOrder,
  aSmartOrder,
  exchangeOnly,
  paper,
  tick,
} from '../testing/fixtures.spec.helper';

const modify = (callbackRate: number, ts = 20): ModifyTrailing => ({
  type: 'ModifyTrailing',
  orderId: 'o-1',
  ts,
  callbackRate,
});

const farLong = { takeProfits: [{ price: 150, sizePct: 100 }], stopLoss: undefined };
const farShort = { takeProfits: [{ price: 50, sizePct: 100 }], stopLoss: undefined };

describe('ModifyTrailing (SEMANTICS §4): the stop is recomputed from the mark and may only tighten', () => {
  it('a tighter callback raises a long’s stop from the recorded mark: 110 × 0.99 = 108.9', () => {
    paper
      .given(activeOrder('BUY', { ...farLong, trailing: { callbackRate: 0.02 } }))
      .when(tick(110, 10), modify(0.01))
      .then([
        event('TrailingRaised', 10, { mark: 110, stopPrice: 107.8 }),
        event('TrailingModified', 20, { from: 0.02, to: 0.01, stopPrice: 108.9 }),
      ]);
  });

  it('a looser callback keeps a long’s stop where it is; the stop rises again only past it', () => {
    paper
      .given(activeOrder('BUY', { ...farLong, trailing: { callbackRate: 0.02 } }))
      .when(tick(110, 10), modify(0.05), tick(113, 21), tick(114, 22))
      .then([
        event('TrailingRaised', 10, { mark: 110, stopPrice: 107.8 }),
        event('TrailingModified', 20, { from: 0.02, to: 0.05, stopPrice: 107.8 }),
        // 113 × 0.95 = 107.35 stays below 107.8; 114 × 0.95 = 108.3 passes it.
        event('TrailingRaised', 22, { mark: 114, stopPrice: 108.3 }),
      ]);
  });

  it('a tighter callback lowers a short’s stop; a looser one keeps it', () => {
    paper
      .given(activeOrder('SELL', { ...farShort, trailing: { callbackRate: 0.02 } }))
      .when(tick(90, 10), modify(0.01, 20), modify(0.05, 21))
      .then([
        event('TrailingRaised', 10, { mark: 90, stopPrice: 91.8 }),
        event('TrailingModified', 20, { from: 0.02, to: 0.01, stopPrice: 90.9 }),
        event('TrailingModified', 21, { from: 0.01, to: 0.05, stopPrice: 90.9 }),
      ]);
  });

  it('on an order without a trailing stop adds one, armed at the next tick’s price', () => {
    paper
      .given(activeOrder('BUY', farLong))
      .when(modify(0.02), tick(101, 21))
      .then([
        event('TrailingModified', 20, { from: null, to: 0.02, stopPrice: null }),
        event('TrailingArmed', 21, { mark: 101, stopPrice: 98.98 }),
      ]);
  });

  it('on a trailing stop waiting for its activation price changes the rate only', () => {
    paper
      .given(
        activeOrder('BUY', { ...farLong, trailing: { callbackRate: 0.02, activationPrice: 105 } }),
      )
      .when(modify(0.01), tick(104, 21), tick(105, 22))
      .then([
        event('TrailingModified', 20, { from: 0.02, to: 0.01, stopPrice: null }),
        event('TrailingArmed', 22, { mark: 105, stopPrice: 103.95 }),
      ]);
  });

  it('on a PENDING order, sets the rate the entry fill arms with', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder('BUY', farLong)))
      .when(modify(0.03))
      .then([event('TrailingModified', 20, { from: null, to: 0.03, stopPrice: null })]);
  });

  it('to the rate it has, is a no-op', () => {
    paper
      .given(activeOrder('BUY', { ...farLong, trailing: { callbackRate: 0.02 } }))
      .when(modify(0.02))
      .then([]);
  });

  it('rejects a rate outside (0, 1)', () => {
    for (const rate of [0, 1, -0.1, 2]) {
      paper
        .given(activeOrder('BUY'))
        .when(modify(rate))
        .thenRejects(
          'VALIDATION_FAILED',
          `callbackRate: must be a fraction strictly between 0 and 1 (0.02 = 2 %), got ${rate}`,
        );
    }
  });
});
