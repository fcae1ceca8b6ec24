import { clientOrderId, PURPOSE } from '../clientOrderId';
import type { CreateSmartOrder } from '../commands/createSmartOrder';
import { decide } from '../decide';
import { event } from '../events/orderEvent';
import type { Side } from '../side';
import { smartOrderDecider } from '../decider';
import { deciderSpecification, type AssertEqual } from '../testing/deciderSpecification';
import { NO_FEES } from '../fillModel/feeSchedule';
import { paperFills } from '../testing/paperFills';
import {
  aSmartOrder,
  entryFill,
  mirror,
  ORDER_ID,
  report,
  SIDES,
  stopCid,
  tick,
  tpCid,
  trade,
  settled,
} from '../testing/fixtures.spec.helper';

// jest's own equality, so that a scenario may name only the events it is about.
const loosely: AssertEqual = (actual, expected) => expect(actual).toEqual(expected);
const exchangeOnly = deciderSpecification(smartOrderDecider, { assertEqual: loosely });
const paper = deciderSpecification(smartOrderDecider, {
  world: () => paperFills({ fees: NO_FEES }),
  assertEqual: loosely,
});

const nativeCid = (attempt: number): string =>
  clientOrderId(ORDER_ID, PURPOSE.nativeStop, 0, attempt);

/** The spec's ladder, stop 95, with a native stop 1 % behind it. */
const withNative = (
  side: Side,
  overrides: Partial<CreateSmartOrder> = {},
  mode: 'AMEND' | 'REPLACE' = 'REPLACE',
): CreateSmartOrder => aSmartOrder(side, { nativeStop: { offsetRate: 0.01, mode }, ...overrides });

const filled = (side: Side, mode: 'AMEND' | 'REPLACE' = 'REPLACE') =>
  exchangeOnly.history(withNative(side, {}, mode), entryFill());

describe.each(SIDES)('the native protective stop of a %s (SEMANTICS §7)', (side) => {
  const px = mirror(side);
  // 95 × 0.99 = 94.05 for a long; 105 × 1.01 = 106.05 for a short: behind the stop, on the tick.
  const behind95 = side === 'BUY' ? 94.05 : 106.05;

  it('is recorded as asked at creation, kept by place-new-then-cancel-old when nobody says how', () => {
    exchangeOnly
      .given([])
      .when(aSmartOrder(side, { nativeStop: { offsetRate: 0.01 } }))
      .then([
        expect.objectContaining({
          type: 'SmartOrderCreated',
          data: expect.objectContaining({ nativeStop: { offsetRate: 0.01, mode: 'REPLACE' } }),
        }),
      ]);
  });

  it('rests nothing before the entry fills, then rests behind the stop for the whole fill', () => {
    exchangeOnly
      .given([])
      .when(withNative(side))
      .then([expect.objectContaining({ type: 'SmartOrderCreated' })]);
    exchangeOnly
      .given(exchangeOnly.history(withNative(side)))
      .when(entryFill())
      .then([
        expect.objectContaining({ type: 'EntryFilled' }),
        event('NativeStopPlaced', 2, {
          stopPrice: behind95,
          quantity: 1,
          clientOrderId: nativeCid(1),
          replaces: [],
        }),
      ]);
  });

  it('protects from the first part of the entry what the working entry may still add, and stays as later parts fill', () => {
    // The venue goes on filling a market entry whether or not the engine lives to see it: a
    // stop for the first part alone left the rest unprotected when the engine died between
    // two parts (run --exchange binanceusdm, killed -9 while the native stop covered 0.003 of
    // 0.01); reduce-only, it never closes more than is open when it fires.
    const entry = clientOrderId(ORDER_ID, PURPOSE.entry, 0, 1);
    const afterFirst = exchangeOnly
      .given(exchangeOnly.history(withNative(side)))
      .when(trade(entry, 100, 0.4, 2))
      .then([
        expect.objectContaining({ type: 'EntryFilled' }),
        event('NativeStopPlaced', 2, {
          stopPrice: behind95,
          quantity: 1,
          clientOrderId: nativeCid(1),
          replaces: [],
        }),
      ]);
    expect(afterFirst?.openQuantity).toBe(0.4);
    const state = exchangeOnly
      .given(exchangeOnly.history(withNative(side), trade(entry, 100, 0.4, 2)))
      .when(trade(entry, 100, 1, 3))
      .then([expect.objectContaining({ type: 'EntryFilled' })]);
    expect(state?.nativeStop?.orders.map((o) => o.quantity)).toEqual([1]);
  });

  it('follows the position once the entry is no longer working: a part-filled entry that the venue dropped', () => {
    const entry = clientOrderId(ORDER_ID, PURPOSE.entry, 0, 1);
    exchangeOnly
      .given(exchangeOnly.history(withNative(side), trade(entry, 100, 0.4, 2)))
      .when(report(entry, 'CANCELED', { ts: 3, cumulativeQuantity: 0.4 }))
      .then([
        expect.objectContaining({ type: 'ExchangeOrderCancelled' }),
        event('NativeStopPlaced', 3, {
          stopPrice: behind95,
          quantity: 0.4,
          clientOrderId: nativeCid(2),
          replaces: [nativeCid(1)],
        }),
      ]);
  });

  it('REPLACE: cancels the old stop only once the venue has accepted the new one', () => {
    const history = exchangeOnly.history(
      withNative(side),
      trade(clientOrderId(ORDER_ID, PURPOSE.entry, 0, 1), 100, 0.4, 2),
      report(clientOrderId(ORDER_ID, PURPOSE.entry, 0, 1), 'CANCELED', {
        ts: 3,
        cumulativeQuantity: 0.4,
      }),
    );
    exchangeOnly
      .given(history)
      .when(report(nativeCid(1), 'NEW'))
      .then([]);
    const state = exchangeOnly
      .given(history)
      .when(report(nativeCid(2), 'NEW', { ts: 4 }))
      .then([
        event('NativeStopCancelled', 4, { reason: 'REPLACED', clientOrderIds: [nativeCid(1)] }),
      ]);
    // The old stop is kept until the venue confirms it gone: it may still fill.
    expect(state?.nativeStop?.orders.map((o) => [o.clientOrderId, o.cancelling])).toEqual([
      [nativeCid(1), true],
      [nativeCid(2), false],
    ]);
    exchangeOnly
      .given(
        exchangeOnly.history(
          withNative(side),
          trade(clientOrderId(ORDER_ID, PURPOSE.entry, 0, 1), 100, 0.4, 2),
          report(clientOrderId(ORDER_ID, PURPOSE.entry, 0, 1), 'CANCELED', {
            ts: 3,
            cumulativeQuantity: 0.4,
          }),
          report(nativeCid(2), 'NEW', { ts: 4 }),
        ),
      )
      .when(report(nativeCid(1), 'CANCELED', { ts: 5, cumulativeQuantity: 0 }))
      .then([
        event('ExchangeOrderCancelled', 5, { clientOrderId: nativeCid(1), filledQuantity: 0 }),
      ]);
  });

  it('follows break-even after TP1 for the quantity left (REPLACE: a new stop)', () => {
    const state = exchangeOnly
      .given(exchangeOnly.history(withNative(side, { breakEven: true }), entryFill()))
      .when(tick(px(105)), trade(tpCid(1), px(105), 0.4, 11))
      .then([
        expect.objectContaining({ type: 'TpTriggered' }),
        expect.objectContaining({ type: 'TpFilled' }),
        event('BreakEvenMoved', 11, { from: px(95), to: 100 }),
        event('NativeStopPlaced', 11, {
          stopPrice: px(99),
          quantity: 0.6,
          clientOrderId: nativeCid(2),
          replaces: [nativeCid(1)],
        }),
      ]);
    expect(state?.nativeStop?.current).toBe(nativeCid(2));
  });

  it('AMEND: moves the resting stop in place, under the same client order id', () => {
    exchangeOnly
      .given(exchangeOnly.history(withNative(side, { breakEven: true }, 'AMEND'), entryFill()))
      .when(tick(px(105)), trade(tpCid(1), px(105), 0.4, 11))
      .then([
        expect.objectContaining({ type: 'TpTriggered' }),
        expect.objectContaining({ type: 'TpFilled' }),
        expect.objectContaining({ type: 'BreakEvenMoved' }),
        event('NativeStopMoved', 11, {
          clientOrderId: nativeCid(1),
          from: behind95,
          stopPrice: px(99),
          quantity: 0.6,
        }),
      ]);
  });

  it('follows a trailing stop about once per offset, not on every raise', () => {
    const trailingOnly: CreateSmartOrder = {
      ...withNative(side, { trailing: { callbackRate: 0.02 } }),
    };
    delete (trailingOnly as { stopLoss?: unknown }).stopLoss;
    const given = exchangeOnly.history(trailingOnly, entryFill());
    // Armed at 100: stop 98, native 97.02 (mirrored: 102, 103.02).
    expect(given.at(-1)).toEqual(
      event('NativeStopPlaced', 2, {
        stopPrice: side === 'BUY' ? 97.02 : 103.02,
        quantity: 1,
        clientOrderId: nativeCid(1),
        replaces: [],
      }),
    );
    // A long: 101 raises the stop to 98.98, whose native target 97.99 is less than one offset
    // (0.99) on; 102 raises it to 99.96, target 98.96. A short: 99.5 → 101.49 → 102.51, then
    // 99 → 100.98 → 101.99.
    const [first, second] = side === 'BUY' ? [101, 102] : [99.5, 99];
    exchangeOnly
      .given(given)
      .when(tick(first))
      .then([expect.objectContaining({ type: 'TrailingRaised' })]);
    exchangeOnly
      .given(given)
      .when(tick(first), tick(second, 11))
      .then([
        expect.objectContaining({ type: 'TrailingRaised' }),
        expect.objectContaining({ type: 'TrailingRaised' }),
        event('NativeStopPlaced', 11, {
          stopPrice: side === 'BUY' ? 98.96 : 101.99,
          quantity: 1,
          clientOrderId: nativeCid(2),
          replaces: [nativeCid(1)],
        }),
      ]);
  });

  it('moves at once when the user loosens the stop, so it never fires before the managed one', () => {
    exchangeOnly
      .given(filled(side))
      .when({ type: 'ModifyStopLoss', orderId: ORDER_ID, ts: 20, price: px(94.5) })
      .then([
        event('StopLossModified', 20, { from: px(95), to: px(94.5) }),
        event('NativeStopPlaced', 20, {
          stopPrice: side === 'BUY' ? 93.55 : 106.56,
          quantity: 1,
          clientOrderId: nativeCid(2),
          replaces: [nativeCid(1)],
        }),
      ]);
  });

  it('is cancelled when the managed stop fires, and the order ends once the venue confirms it', () => {
    exchangeOnly
      .given(filled(side))
      .when(tick(px(95)), trade(stopCid(), px(95), 1, 10))
      .then([
        expect.objectContaining({ type: 'StopLossTriggered' }),
        expect.objectContaining({ type: 'OcoCancelled' }),
        event('NativeStopCancelled', 10, {
          reason: 'EXIT_STARTED',
          clientOrderIds: [nativeCid(1)],
        }),
        event('StopLossFilled', 10, { price: px(95), quantity: 1, clientOrderId: stopCid() }),
      ]);
    // The paper exchange confirms the cancel at once.
    paper
      .given(filled(side))
      .when(tick(px(95)))
      .then([
        expect.objectContaining({ type: 'StopLossTriggered' }),
        expect.objectContaining({ type: 'OcoCancelled' }),
        expect.objectContaining({ type: 'NativeStopCancelled' }),
        expect.objectContaining({ type: 'StopLossFilled' }),
        event('ExchangeOrderCancelled', 10, { clientOrderId: nativeCid(1), filledQuantity: 0 }),
        event('SmartOrderStopped', 10, { kind: 'STOP_LOSS', ...settled(-5) }),
      ]);
  });

  it('stops the order when it fills on the exchange (the engine lagged, or a gap went through both)', () => {
    const state = exchangeOnly
      .given(filled(side))
      .when(trade(nativeCid(1), px(93), 1, 12))
      .then([
        event('NativeStopFilled', 12, { price: px(93), quantity: 1, clientOrderId: nativeCid(1) }),
        event('OcoCancelled', 12, {
          reason: 'STOP_LOSS',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('SmartOrderStopped', 12, { kind: 'STOP_LOSS', ...settled(-7) }),
      ]);
    expect(state?.openQuantity).toBe(0);
    expect(state?.realisedPnl).toBe(-7);
  });

  it('exits at market what a fired native stop left unfilled when the venue drops it', () => {
    const given = [...filled(side), ...exchangeOnly.history()];
    const afterHalf = exchangeOnly
      .given(given)
      .when(trade(nativeCid(1), px(93), 0.5, 12))
      .then([
        event('NativeStopFilled', 12, {
          price: px(93),
          quantity: 0.5,
          clientOrderId: nativeCid(1),
        }),
        expect.objectContaining({ type: 'OcoCancelled' }),
      ]);
    expect(afterHalf?.closing).toEqual({ reason: 'STOP', kind: 'STOP_LOSS', attempts: 1 });
    exchangeOnly
      .given([
        ...given,
        event('NativeStopFilled', 12, {
          price: px(93),
          quantity: 0.5,
          clientOrderId: nativeCid(1),
        }),
      ])
      .when(report(nativeCid(1), 'EXPIRED', { ts: 13, cumulativeQuantity: 0.5 }))
      .then([
        event('ExchangeOrderCancelled', 13, { clientOrderId: nativeCid(1), filledQuantity: 0.5 }),
        event('StopLossRetried', 13, {
          reason: 'REMAINDER',
          quantity: 0.5,
          price: null,
          clientOrderId: stopCid(2),
        }),
      ]);
  });

  it('is not asked for again in a loop after the venue refuses it, only when its target moves', () => {
    const refused = [
      ...exchangeOnly.history(withNative(side, { breakEven: true }), entryFill()),
      event('ExchangeOrderRejected', 3, { clientOrderId: nativeCid(1), reason: 'would trigger' }),
    ];
    exchangeOnly
      .given(exchangeOnly.history(withNative(side, { breakEven: true }), entryFill()))
      .when(report(nativeCid(1), 'REJECTED', { ts: 3, reason: 'would trigger' }))
      .then([
        event('ExchangeOrderRejected', 3, { clientOrderId: nativeCid(1), reason: 'would trigger' }),
      ]);
    exchangeOnly
      .given(refused)
      .when(tick(px(104)))
      .then([]);
    exchangeOnly
      .given(refused)
      .when(tick(px(105)), trade(tpCid(1), px(105), 0.4, 11))
      .then([
        expect.objectContaining({ type: 'TpTriggered' }),
        expect.objectContaining({ type: 'TpFilled' }),
        expect.objectContaining({ type: 'BreakEvenMoved' }),
        event('NativeStopPlaced', 11, {
          stopPrice: px(99),
          quantity: 0.6,
          clientOrderId: nativeCid(2),
          replaces: [],
        }),
      ]);
  });

  it('is placed again at once when the venue drops it unasked', () => {
    exchangeOnly
      .given(filled(side))
      .when(report(nativeCid(1), 'CANCELED', { ts: 7, cumulativeQuantity: 0 }))
      .then([
        event('ExchangeOrderCancelled', 7, { clientOrderId: nativeCid(1), filledQuantity: 0 }),
        event('NativeStopPlaced', 7, {
          stopPrice: behind95,
          quantity: 1,
          clientOrderId: nativeCid(2),
          replaces: [],
        }),
      ]);
  });

  it('is cancelled with the order: a manual cancel, and the last take-profit', () => {
    exchangeOnly
      .given(filled(side))
      .when({ type: 'Cancel', orderId: ORDER_ID, ts: 30 })
      .then([
        expect.objectContaining({ type: 'OcoCancelled' }),
        event('NativeStopCancelled', 30, { reason: 'ORDER_ENDED', clientOrderIds: [nativeCid(1)] }),
        event('SmartOrderCancelled', 30, { flatten: false, reason: 'MANUAL', ...settled(0) }),
      ]);
    // The paper exchange confirms the native stop's cancel at once.
    const state = paper
      .given(filled(side, 'AMEND'))
      .when(tick(px(105), 10), tick(px(110), 11), tick(px(120), 12))
      .then([
        expect.objectContaining({ type: 'TpTriggered' }),
        expect.objectContaining({ type: 'TpFilled' }),
        expect.objectContaining({ type: 'NativeStopMoved' }),
        expect.objectContaining({ type: 'TpTriggered' }),
        expect.objectContaining({ type: 'TpFilled' }),
        expect.objectContaining({ type: 'NativeStopMoved' }),
        expect.objectContaining({ type: 'TpTriggered' }),
        expect.objectContaining({ type: 'TpFilled' }),
        event('NativeStopCancelled', 12, {
          reason: 'ORDER_ENDED',
          clientOrderIds: [nativeCid(1)],
        }),
        event('ExchangeOrderCancelled', 12, { clientOrderId: nativeCid(1), filledQuantity: 0 }),
        expect.objectContaining({ type: 'OcoCancelled' }),
        event('SmartOrderClosed', 12, settled(10.5)),
      ]);
    expect(state?.status).toBe('CLOSED');
  });

  it('is never used where the venue keeps none: OFF is recorded with its reason', () => {
    const off = withNative(side);
    const state = exchangeOnly
      .given(
        exchangeOnly.history({
          ...off,
          nativeStop: { offsetRate: 0.01, mode: 'OFF', reason: 'spot: would lock the balance' },
        }),
      )
      .when(entryFill())
      .then([expect.objectContaining({ type: 'EntryFilled' })]);
    expect(state?.spec.nativeStop).toEqual({
      offsetRate: 0.01,
      mode: 'OFF',
      reason: 'spot: would lock the balance',
    });
    expect(state?.nativeStop).toBeNull();
  });
});

describe('what a native stop asks of its order', () => {
  it('refuses a native stop without a stop loss or a trailing stop to rest behind', () => {
    const order = aSmartOrder('BUY', { nativeStop: { offsetRate: 0.01 } });
    delete (order as { stopLoss?: unknown }).stopLoss;
    const decided = decide(order, null);
    expect(decided._tag === 'Left' && decided.left.message).toMatch(
      /nativeStop: needs a stopLoss or a trailing stop/,
    );
  });

  it.each([0, 1, -0.1, Number.NaN])(
    'refuses an offsetRate of %p, naming the field and rule',
    (rate) => {
      const decided = decide(aSmartOrder('BUY', { nativeStop: { offsetRate: rate } }), null);
      expect(decided._tag === 'Left' && decided.left.message).toMatch(
        /nativeStop\.offsetRate.*strictly between 0 and 1/,
      );
    },
  );

  it('refuses a reason given with a mode other than OFF', () => {
    const decided = decide(
      aSmartOrder('BUY', { nativeStop: { offsetRate: 0.01, mode: 'AMEND', reason: 'x' } }),
      null,
    );
    expect(decided._tag === 'Left' && decided.left.message).toMatch(/nativeStop\.reason/);
  });
});
