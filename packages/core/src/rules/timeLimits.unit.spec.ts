import { event } from '../events/orderEvent';
import {
  activeOrder,
  aSmartOrder,
  entryCid,
  exchangeOnly,
  mirror,
  paper,
  report,
  settled,
  SIDES,
  stopCid,
  tick,
  tpCid,
  trade,
} from '../testing/fixtures.spec.helper';

const timer = (ts: number, lastPrice?: number) => ({
  type: 'Timer' as const,
  ts,
  ...(lastPrice === undefined ? {} : { lastPrice }),
});

describe('time limits (SEMANTICS §8.6)', () => {
  describe('entry timeout: an entry not filled at all by createdTs + t is cancelled', () => {
    const withTimeout = aSmartOrder('BUY', { timeLimits: { entryTimeoutMs: 1000 } });

    it('given a working limit entry, when a tick finds the deadline passed, then its entry is cancelled first and the order ends once the exchange confirms', () => {
      exchangeOnly
        .given(exchangeOnly.history(withTimeout))
        .when(tick(100.5, 1000), tick(99, 1001), report(entryCid, 'CANCELED', { ts: 1002 }))
        .then([
          event('OcoCancelled', 1001, {
            reason: 'ENTRY_TIMEOUT',
            levels: [1, 2, 3],
            stopLoss: true,
            entry: true,
            clientOrderIds: [entryCid],
          }),
          event('CancelRequested', 1001, { flatten: false, reason: 'ENTRY_TIMEOUT' }),
          event('ExchangeOrderCancelled', 1002, { clientOrderId: entryCid, filledQuantity: 0 }),
          event('SmartOrderCancelled', 1002, {
            flatten: false,
            reason: 'ENTRY_TIMEOUT',
            ...settled(0),
          }),
        ]);
    });

    it('given a quiet market, when a Timer passes the deadline, then the same happens', () => {
      exchangeOnly
        .given(exchangeOnly.history(withTimeout))
        .when(timer(999), timer(1001))
        .then([
          event('OcoCancelled', 1001, {
            reason: 'ENTRY_TIMEOUT',
            levels: [1, 2, 3],
            stopLoss: true,
            entry: true,
            clientOrderIds: [entryCid],
          }),
          event('CancelRequested', 1001, { flatten: false, reason: 'ENTRY_TIMEOUT' }),
        ]);
    });

    it('given a trailing entry not yet sent, then the order is cancelled at once', () => {
      exchangeOnly
        .given(
          exchangeOnly.history(
            aSmartOrder('SELL', {
              entry: { type: 'TRAILING', callbackRate: 0.02 },
              referencePrice: 100,
              timeLimits: { entryTimeoutMs: 50 },
            }),
          ),
        )
        .when(tick(100, 10), tick(100, 51))
        .then([
          event('EntryTrailArmed', 10, { mark: 100, triggerPrice: 98 }),
          event('OcoCancelled', 51, {
            reason: 'ENTRY_TIMEOUT',
            levels: [1, 2, 3],
            stopLoss: true,
            entry: false,
            clientOrderIds: [],
          }),
          event('SmartOrderCancelled', 51, {
            flatten: false,
            reason: 'ENTRY_TIMEOUT',
            ...settled(0),
          }),
        ]);
    });

    it('given an entry that has filled in part, then the timeout no longer applies', () => {
      exchangeOnly
        .given(exchangeOnly.history(withTimeout, trade(entryCid, 100, 0.5, 500)))
        .when(timer(5000))
        .then([]);
    });
  });

  describe.each(SIDES)('position time limit, %s', (side) => {
    const px = mirror(side);
    const limited = { timeLimits: { positionTimeLimitMs: 100 } };

    it('given an open position, when a tick at firstEntryFillTs + t arrives, then it is exited at market, before anything else on that tick', () => {
      // Entry filled at 2: the deadline is 102. The tick also crosses the first level and
      // would trigger it; the deadline is decided first and the level is cancelled instead.
      paper
        .given(activeOrder(side, limited))
        .when(tick(px(101), 101), tick(px(106), 102))
        .then([
          event('TimeLimitReached', 102, { deadline: 102 }),
          event('StopLossTriggered', 102, {
            kind: 'TIME_LIMIT',
            stopPrice: null,
            price: px(106),
            quantity: 1,
            clientOrderId: stopCid(),
          }),
          event('OcoCancelled', 102, {
            reason: 'TIME_LIMIT',
            levels: [1, 2, 3],
            stopLoss: false,
            entry: false,
            clientOrderIds: [],
          }),
          event('StopLossFilled', 102, { price: px(106), quantity: 1, clientOrderId: stopCid() }),
          event('SmartOrderStopped', 102, { kind: 'TIME_LIMIT', ...settled(6) }),
        ]);
    });

    it('given a partly closed position, when a Timer passes the deadline, then the rest is exited at the last price the engine saw', () => {
      paper
        .given(activeOrder(side, limited))
        .when(tick(px(105), 50), timer(150, px(104)))
        .then([
          event('TpTriggered', 50, {
            level: 1,
            price: px(105),
            targetPrice: px(105),
            quantity: 0.4,
            clientOrderId: tpCid(1),
          }),
          event('TpFilled', 50, {
            level: 1,
            price: px(105),
            quantity: 0.4,
            clientOrderId: tpCid(1),
          }),
          event('TimeLimitReached', 150, { deadline: 102 }),
          event('StopLossTriggered', 150, {
            kind: 'TIME_LIMIT',
            stopPrice: null,
            price: px(104),
            quantity: 0.6,
            clientOrderId: stopCid(),
          }),
          event('OcoCancelled', 150, {
            reason: 'TIME_LIMIT',
            levels: [2, 3],
            stopLoss: false,
            entry: false,
            clientOrderIds: [],
          }),
          event('StopLossFilled', 150, {
            price: px(104),
            quantity: 0.6,
            clientOrderId: stopCid(),
          }),
          event('SmartOrderStopped', 150, { kind: 'TIME_LIMIT', ...settled(4.4) }),
        ]);
    });
  });

  it('a Timer with no price known sends the exit without one: it fills at the next tick', () => {
    exchangeOnly
      .given(activeOrder('BUY', { timeLimits: { positionTimeLimitMs: 100 } }))
      .when(timer(102))
      .then([
        event('TimeLimitReached', 102, { deadline: 102 }),
        event('StopLossTriggered', 102, {
          kind: 'TIME_LIMIT',
          stopPrice: null,
          price: null,
          quantity: 1,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 102, {
          reason: 'TIME_LIMIT',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
      ]);
  });

  it('the deadline decided once: the same tick, or a later Timer, changes nothing more', () => {
    const after = exchangeOnly.history(
      aSmartOrder('BUY', { timeLimits: { positionTimeLimitMs: 100 } }),
      trade(entryCid, 100, 1, 2),
      tick(100, 102),
    );
    exchangeOnly.given(after).when(tick(100, 102), timer(200, 100)).then([]);
  });

  it('a Timer for an order without time limits decides nothing', () => {
    exchangeOnly.given(activeOrder('BUY')).when(timer(1_000_000, 100)).then([]);
  });

  describe('validation', () => {
    it('an empty timeLimits is refused, naming what it needs', () => {
      exchangeOnly
        .given([])
        .when(aSmartOrder('BUY', { timeLimits: {} }))
        .thenRejects(
          'VALIDATION_FAILED',
          'timeLimits: needs entryTimeoutMs or positionTimeLimitMs (or both), got neither',
        );
    });

    it('a duration that is not a whole number of milliseconds > 0 is refused', () => {
      exchangeOnly
        .given([])
        .when(aSmartOrder('BUY', { timeLimits: { entryTimeoutMs: 0, positionTimeLimitMs: 1.5 } }))
        .thenRejects(
          'VALIDATION_FAILED',
          'timeLimits.entryTimeoutMs: must be a whole number of milliseconds in 1..315360000000 (ten years), got 0; timeLimits.positionTimeLimitMs: must be a whole number of milliseconds in 1..315360000000 (ten years), got 1.5',
        );
    });
  });
});
