import type { Command } from '../commands/command';
import { event, type OrderEvent } from '../events/orderEvent';
import { fold } from '../state/evolve';
import {
  activeOrder,
  aSmartOrder,
  entryCid,
  exchangeOnly,
  mirror,
  paper,
  SIDES,
  tick,
  trade,
} from '../testing/fixtures.spec.helper';

/**
 * The rules that SEMANTICS §10 lists as clarifications of version 1 which the project already
 * followed, each pinned by a test named for it.
 */
const modifyTrailing = (callbackRate: number, ts = 20): Command => ({
  type: 'ModifyTrailing',
  orderId: 'o-1',
  ts,
  callbackRate,
});
const farLong = { takeProfits: [{ price: 150, sizePct: 100 }], stopLoss: undefined };

describe('the mark as last recorded (SEMANTICS §3.2)', () => {
  it('ModifyTrailing recomputes from the recorded mark, not from a later extreme that raised nothing', () => {
    paper
      .given(activeOrder('BUY', { ...farLong, trailing: { callbackRate: 0.02 } }))
      // 100.002 × 0.98 = 98.00196 → 98.01 is recorded; 100.01 × 0.98 = 98.0098 → 98.01 is not.
      .when(tick(100.002, 10), tick(100.01, 11), modifyTrailing(0.0001))
      .then([
        event('TrailingRaised', 10, { mark: 100.002, stopPrice: 98.01 }),
        // From the recorded 100.002: 99.9919998 → 100; from 100.01 it would be 100.01.
        event('TrailingModified', 20, { from: 0.02, to: 0.0001, stopPrice: 100 }),
      ]);
  });
});

describe.each(SIDES)('break-even rounding toward the market, %s (SEMANTICS §3.5)', (side) => {
  const px = mirror(side);
  it('an average entry of 100.005 moves the stop to 100.01 for a long, 100 for a short', () => {
    const history = paper.history(
      aSmartOrder(side, { breakEven: true }),
      trade(entryCid, 100, 0.5, 2),
      trade(entryCid, 100.01, 1, 3, 0.5),
      tick(px(105), 10),
    );
    const moved = history.find((e) => e.type === 'BreakEvenMoved');
    expect(moved?.data).toEqual({ from: px(95), to: side === 'BUY' ? 100.01 : 100 });
  });
});

describe.each(SIDES)('ModifyTrailing adding a trailing stop, %s (SEMANTICS §4)', (side) => {
  const px = mirror(side);
  const far = {
    takeProfits: [{ price: px(150), sizePct: 100 }],
    stopLoss: undefined,
  };
  it('on a PENDING order it arms at the entry fill’s price', () => {
    const history = paper.history(
      aSmartOrder(side, far),
      modifyTrailing(0.02, 3),
      trade(entryCid, 100, 1, 4),
    );
    expect(history.map((e) => e.type)).toEqual([
      'SmartOrderCreated',
      'TrailingModified',
      'EntryFilled',
      'TrailingArmed',
    ]);
    expect(history[1]?.data).toEqual({ from: null, to: 0.02, stopPrice: null });
    expect(history[3]?.data).toEqual({ mark: 100, stopPrice: px(98) });
  });

  it('on a filled order it arms at the next tick, at that tick’s price', () => {
    paper
      .given(activeOrder(side, far))
      .when(modifyTrailing(0.02), tick(px(101), 21))
      .then([
        event('TrailingModified', 20, { from: null, to: 0.02, stopPrice: null }),
        // 101 × 0.98 = 98.98 for a long; 99 × 1.02 = 100.98 for a short.
        event('TrailingArmed', 21, { mark: px(101), stopPrice: side === 'BUY' ? 98.98 : 100.98 }),
      ]);
  });
});

describe.each(SIDES)('no-op commands append nothing, %s (SEMANTICS §4)', (side) => {
  const px = mirror(side);
  const given = () => activeOrder(side, { trailing: { callbackRate: 0.02 }, breakEven: true });
  it.each<[string, (px: (p: number) => number) => Command]>([
    [
      'ModifyStopLoss to the stop it has',
      (p) => ({ type: 'ModifyStopLoss', orderId: 'o-1', ts: 20, price: p(95) }),
    ],
    ['ModifyTrailing to the rate it has', () => modifyTrailing(0.02)],
    [
      'ToggleBreakEven to the flag it has',
      () => ({ type: 'ToggleBreakEven', orderId: 'o-1', ts: 20, enabled: true }),
    ],
  ])('%s', (_what, command) => {
    exchangeOnly.given(given()).when(command(px)).then([]);
  });

  it('except ModifyStopLoss to the price break-even set: it becomes the user’s stop, recorded', () => {
    const history: OrderEvent[] = paper.history(
      aSmartOrder(side, { breakEven: true }),
      trade(entryCid, 100, 1, 2),
      tick(px(105), 10),
    );
    expect(fold(history)?.stopSource).toBe('BREAK_EVEN');
    const state = paper
      .given(history)
      .when({ type: 'ModifyStopLoss', orderId: 'o-1', ts: 20, price: 100 })
      .then([event('StopLossModified', 20, { from: 100, to: 100 })]);
    expect(state?.stopSource).toBe('STOP_LOSS');
  });
});

describe.each(SIDES)(
  'an unarmed trailing stop is cancelled with ALL_TP_FILLED, %s (SEMANTICS §3.4)',
  (side) => {
    const px = mirror(side);
    it('every level fills before the trailing stop’s activation price: OcoCancelled ALL_TP_FILLED', () => {
      const history = paper.history(
        aSmartOrder(side, {
          stopLoss: undefined,
          trailing: { callbackRate: 0.02, activationPrice: px(130) },
        }),
        trade(entryCid, 100, 1, 2),
        tick(px(125), 10),
      );
      const oco = history.filter((e) => e.type === 'OcoCancelled');
      expect(oco.map((e) => e.data)).toEqual([
        { reason: 'ALL_TP_FILLED', levels: [], stopLoss: true, entry: false, clientOrderIds: [] },
      ]);
      expect(history[history.length - 1]?.type).toBe('SmartOrderClosed');
      expect(history.map((e) => e.type)).not.toContain('TrailingArmed');
    });
  },
);
