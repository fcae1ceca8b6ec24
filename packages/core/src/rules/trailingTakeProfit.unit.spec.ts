import fc from 'fast-check';
import { event, type OrderEvent } from '../events/orderEvent';
import {
  activeOrder,
  aSmartOrder,
  entryFill,
  exchangeOnly,
  paper,
  report,
  stopCid,
  tick,
  tpCid,
} from '../testing/fixtures.spec.helper';
import { decide } from '../decide';
import { evolve, fold } from '../state/evolve';
import { isTerminal } from '../state/orderState';

const trailing = (callbackRate: number) => ({ callbackRate });

describe('trailing take-profit (SEMANTICS §8.2)', () => {
  describe('the worked example: level 105, callback 1 %', () => {
    it('long: 105.5 arms (mark 105.5, trail stop 104.445 rounded up to 104.45); 107 raises (105.93); 105.9 triggers and exits at 105.9', () => {
      const order = aSmartOrder('BUY', {
        takeProfits: [
          { price: 105, sizePct: 40, trailing: trailing(0.01) },
          { price: 110, sizePct: 60 },
        ],
      });
      const state = paper
        .given(paper.history(order, entryFill()))
        .when(tick(105.5, 10), tick(107, 11), tick(105.9, 12))
        .then([
          event('TpTrailArmed', 10, { level: 1, mark: 105.5, stopPrice: 104.45 }),
          event('TpTrailRaised', 11, { level: 1, mark: 107, stopPrice: 105.93 }),
          event('TpTriggered', 12, {
            level: 1,
            price: 105.9,
            targetPrice: 105,
            quantity: 0.4,
            clientOrderId: tpCid(1),
          }),
          event('TpFilled', 12, { level: 1, price: 105.9, quantity: 0.4, clientOrderId: tpCid(1) }),
        ]);
      expect(state?.status).toBe('PARTIALLY_CLOSED');
    });

    it('short, its mirror image: 94.5 arms (trail stop 95.445 rounded down to 95.44); 93 lowers (93.93); 94.1 triggers', () => {
      const order = aSmartOrder('SELL', {
        takeProfits: [
          { price: 95, sizePct: 40, trailing: trailing(0.01) },
          { price: 90, sizePct: 60 },
        ],
        stopLoss: { price: 105 },
      });
      paper
        .given(paper.history(order, entryFill()))
        .when(tick(94.5, 10), tick(93, 11), tick(94.1, 12))
        .then([
          event('TpTrailArmed', 10, { level: 1, mark: 94.5, stopPrice: 95.44 }),
          event('TpTrailRaised', 11, { level: 1, mark: 93, stopPrice: 93.93 }),
          event('TpTriggered', 12, {
            level: 1,
            price: 94.1,
            targetPrice: 95,
            quantity: 0.4,
            clientOrderId: tpCid(1),
          }),
          event('TpFilled', 12, { level: 1, price: 94.1, quantity: 0.4, clientOrderId: tpCid(1) }),
        ]);
    });
  });

  it('a level that arms on a tick does not trigger on it, and a better price that does not raise the rounded trail stop records nothing', () => {
    const order = aSmartOrder('BUY', {
      takeProfits: [{ price: 105, sizePct: 100, trailing: trailing(0.5) }],
    });
    paper
      .given(paper.history(order, entryFill()))
      .when(tick(105, 10), tick(105.01, 11), tick(105, 12))
      .then([
        event('TpTrailArmed', 10, { level: 1, mark: 105, stopPrice: 52.5 }),
        event('TpTrailRaised', 11, { level: 1, mark: 105.01, stopPrice: 52.51 }),
      ]);
    paper
      .given(
        paper.history(
          aSmartOrder('BUY', {
            takeProfits: [{ price: 105, sizePct: 100, trailing: trailing(0.001) }],
          }),
          entryFill(),
        ),
      )
      .when(tick(105, 10), tick(105.001, 11))
      .then([event('TpTrailArmed', 10, { level: 1, mark: 105, stopPrice: 104.9 })]);
  });

  it('several levels trail at once, each with its own mark and callback', () => {
    const order = aSmartOrder('BUY', {
      takeProfits: [
        { price: 105, sizePct: 50, trailing: trailing(0.01) },
        { price: 110, sizePct: 50, trailing: trailing(0.05) },
      ],
    });
    const state = paper
      .given(paper.history(order, entryFill()))
      .when(tick(111, 10), tick(109, 11))
      .then([
        event('TpTrailArmed', 10, { level: 1, mark: 111, stopPrice: 109.89 }),
        event('TpTrailArmed', 10, { level: 2, mark: 111, stopPrice: 105.45 }),
        event('TpTriggered', 11, {
          level: 1,
          price: 109,
          targetPrice: 105,
          quantity: 0.5,
          clientOrderId: tpCid(1),
        }),
        event('TpFilled', 11, { level: 1, price: 109, quantity: 0.5, clientOrderId: tpCid(1) }),
      ]);
    expect(state?.takeProfits[1]?.trail).toEqual({
      callbackRate: 0.05,
      mark: 111,
      stopPrice: 105.45,
    });
  });

  it("the order's stop is tested before the levels: an armed level is cancelled with the others when the stop fires", () => {
    const order = aSmartOrder('BUY', {
      takeProfits: [{ price: 105, sizePct: 100, trailing: trailing(0.2) }],
      stopLoss: { price: 95 },
    });
    paper
      .given(paper.history(order, entryFill(), tick(105, 10)))
      .when(tick(95, 11))
      .then([
        event('StopLossTriggered', 11, {
          kind: 'STOP_LOSS',
          stopPrice: 95,
          price: 95,
          quantity: 1,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 11, {
          reason: 'STOP_LOSS',
          levels: [1],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('StopLossFilled', 11, { price: 95, quantity: 1, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 11, {
          kind: 'STOP_LOSS',
          realisedPnl: { gross: -5, fees: 0, net: -5 },
          feesUnvalued: [],
          dust: 0,
        }),
      ]);
  });

  it('a trailing level whose exit the exchange refused keeps its trail and triggers again on the next tick at or below its trail stop', () => {
    const order = aSmartOrder('BUY', {
      takeProfits: [{ price: 105, sizePct: 100, trailing: trailing(0.01) }],
    });
    const given = [
      ...activeOrder('BUY', { takeProfits: order.takeProfits }),
      event('TpTrailArmed', 10, { level: 1, mark: 105, stopPrice: 103.95 }),
      event('TpTriggered', 11, {
        level: 1,
        price: 103.9,
        targetPrice: 105,
        quantity: 1,
        clientOrderId: tpCid(1),
      }),
    ] as OrderEvent[];
    paper
      .given(given)
      .when(report(tpCid(1), 'REJECTED', { ts: 12, reason: 'busy' }), tick(103.9, 13))
      .then([
        event('ExchangeOrderRejected', 12, { clientOrderId: tpCid(1), reason: 'busy' }),
        event('TpTriggered', 13, {
          level: 1,
          price: 103.9,
          targetPrice: 105,
          quantity: 1,
          clientOrderId: tpCid(1, 2),
        }),
        event('TpFilled', 13, { level: 1, price: 103.9, quantity: 1, clientOrderId: tpCid(1, 2) }),
        event('OcoCancelled', 13, {
          reason: 'ALL_TP_FILLED',
          levels: [],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('SmartOrderClosed', 13, {
          realisedPnl: { gross: 3.9, fees: 0, net: 3.9 },
          feesUnvalued: [],
          dust: 0,
        }),
      ]);
  });

  it('property: a trail stop never falls, and a level triggers only once armed, at or below its trail stop as last recorded', () => {
    const order = aSmartOrder('BUY', {
      takeProfits: [
        { price: 102, sizePct: 50, trailing: trailing(0.01) },
        { price: 104, sizePct: 50, trailing: trailing(0.03) },
      ],
      stopLoss: { price: 90 },
    });
    const start = fold(exchangeOnly.history(order, entryFill()));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 9_000, max: 11_000 }), { maxLength: 60 }), (cents) => {
        let state = start;
        for (const [i, c] of cents.entries()) {
          if (state === null || isTerminal(state)) break;
          const decided = decide(tick(c / 100, 10 + i), state);
          if (decided._tag === 'Left') throw new Error(decided.left.message);
          for (const e of decided.right) {
            const before = state?.takeProfits.find(
              (l) => 'level' in e.data && l.level === e.data.level,
            );
            if (e.type === 'TpTrailRaised') {
              expect(e.data.stopPrice).toBeGreaterThan(before?.trail?.stopPrice ?? Infinity);
            }
            if (e.type === 'TpTriggered') {
              expect(before?.trail?.stopPrice).not.toBeNull();
              expect(e.data.price).toBeLessThanOrEqual(before?.trail?.stopPrice ?? -Infinity);
            }
            state = evolve(state, e);
          }
        }
      }),
    );
  });
});
