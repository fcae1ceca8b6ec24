import fc from 'fast-check';
import { decide } from '../decide';
import { event } from '../events/orderEvent';
import { better } from '../side';
import { fold } from '../state/evolve';
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
} from '../testing/fixtures.spec.helper';

describe.each(SIDES)('stop ladder of a %s (SEMANTICS §8.5)', (side) => {
  const px = mirror(side);
  const tp1Filled = (price: number) =>
    event('TpFilled', 11, { level: 1, price, quantity: 0.4, clientOrderId: tpCid(1) });
  const tp2Filled = (price: number) =>
    event('TpFilled', 13, { level: 2, price, quantity: 0.35, clientOrderId: tpCid(2) });

  describe('the worked example: ladder 1, levels 105 / 110 / 120, entry 100, stop 95', () => {
    const ladder = { stopLoss: { price: px(95), ladder: 1 as const } };

    it('TP1 fills → stop 100 (BreakEvenMoved); TP2 fills → stop 105 (StopLadderMoved)', () => {
      exchangeOnly
        .given(activeOrder(side, ladder))
        .when(
          tick(px(105), 10),
          trade(tpCid(1), px(105), 0.4, 11),
          tick(px(110), 12),
          trade(tpCid(2), px(110), 0.35, 13),
        )
        .then([
          event('TpTriggered', 10, {
            level: 1,
            price: px(105),
            targetPrice: px(105),
            quantity: 0.4,
            clientOrderId: tpCid(1),
          }),
          tp1Filled(px(105)),
          event('BreakEvenMoved', 11, { from: px(95), to: 100 }),
          event('TpTriggered', 12, {
            level: 2,
            price: px(110),
            targetPrice: px(110),
            quantity: 0.35,
            clientOrderId: tpCid(2),
          }),
          tp2Filled(px(110)),
          event('StopLadderMoved', 13, { afterLevel: 2, from: 100, to: px(105) }),
        ]);
    });

    it('a stop the ladder set at level 1 or above fires as LADDER, and the order ends STOPPED with that kind', () => {
      const state = paper
        .given(activeOrder(side, ladder))
        .when(tick(px(110), 10), tick(px(105), 11))
        .then([
          event('TpTriggered', 10, {
            level: 1,
            price: px(110),
            targetPrice: px(105),
            quantity: 0.4,
            clientOrderId: tpCid(1),
          }),
          event('TpTriggered', 10, {
            level: 2,
            price: px(110),
            targetPrice: px(110),
            quantity: 0.35,
            clientOrderId: tpCid(2),
          }),
          event('TpFilled', 10, {
            level: 1,
            price: px(110),
            quantity: 0.4,
            clientOrderId: tpCid(1),
          }),
          event('BreakEvenMoved', 10, { from: px(95), to: 100 }),
          event('TpFilled', 10, {
            level: 2,
            price: px(110),
            quantity: 0.35,
            clientOrderId: tpCid(2),
          }),
          event('StopLadderMoved', 10, { afterLevel: 2, from: 100, to: px(105) }),
          event('StopLossTriggered', 11, {
            kind: 'LADDER',
            stopPrice: px(105),
            price: px(105),
            quantity: 0.25,
            clientOrderId: stopCid(),
          }),
          event('OcoCancelled', 11, {
            reason: 'STOP_LOSS',
            levels: [3],
            stopLoss: false,
            entry: false,
            clientOrderIds: [],
          }),
          event('StopLossFilled', 11, { price: px(105), quantity: 0.25, clientOrderId: stopCid() }),
          event('SmartOrderStopped', 11, {
            kind: 'LADDER',
            realisedPnl: { gross: 8.75, fees: 0, net: 8.75 },
            feesUnvalued: [],
            dust: 0,
          }),
        ]);
      expect(state?.status).toBe('STOPPED');
    });
  });

  it('ladder 2: TP1 moves nothing, TP2 moves the stop to break-even, which fires as BREAK_EVEN', () => {
    paper
      .given(activeOrder(side, { stopLoss: { price: px(95), ladder: 2 } }))
      .when(tick(px(105), 10), tick(px(110), 11), tick(100, 12))
      .then([
        event('TpTriggered', 10, {
          level: 1,
          price: px(105),
          targetPrice: px(105),
          quantity: 0.4,
          clientOrderId: tpCid(1),
        }),
        event('TpFilled', 10, { level: 1, price: px(105), quantity: 0.4, clientOrderId: tpCid(1) }),
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
        event('BreakEvenMoved', 11, { from: px(95), to: 100 }),
        event('StopLossTriggered', 12, {
          kind: 'BREAK_EVEN',
          stopPrice: 100,
          price: 100,
          quantity: 0.25,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 12, {
          reason: 'STOP_LOSS',
          levels: [3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('StopLossFilled', 12, { price: 100, quantity: 0.25, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 12, {
          kind: 'BREAK_EVEN',
          realisedPnl: { gross: 5.5, fees: 0, net: 5.5 },
          feesUnvalued: [],
          dust: 0,
        }),
      ]);
  });

  it('with break-even on as well, the move to level 0 is recorded once, as BreakEvenMoved', () => {
    exchangeOnly
      .given(activeOrder(side, { breakEven: true, stopLoss: { price: px(95), ladder: 1 } }))
      .when(tick(px(105), 10), trade(tpCid(1), px(105), 0.4, 11))
      .then([
        event('TpTriggered', 10, {
          level: 1,
          price: px(105),
          targetPrice: px(105),
          quantity: 0.4,
          clientOrderId: tpCid(1),
        }),
        tp1Filled(px(105)),
        event('BreakEvenMoved', 11, { from: px(95), to: 100 }),
      ]);
  });

  it('never loosens: a stop the user set tighter than the ladder step stays, and a later fill of the same level moves nothing', () => {
    exchangeOnly
      .given(activeOrder(side, { stopLoss: { price: px(95), ladder: 1 } }))
      .when(
        tick(px(108), 10),
        { type: 'ModifyStopLoss', orderId: 'o-1', ts: 10, price: px(107) },
        trade(tpCid(1), px(108), 0.2, 11),
        trade(tpCid(1), px(108), 0.4, 12, 0.2),
      )
      .then([
        event('TpTriggered', 10, {
          level: 1,
          price: px(108),
          targetPrice: px(105),
          quantity: 0.4,
          clientOrderId: tpCid(1),
        }),
        event('StopLossModified', 10, { from: px(95), to: px(107) }),
        event('TpFilled', 11, { level: 1, price: px(108), quantity: 0.2, clientOrderId: tpCid(1) }),
        event('TpFilled', 12, { level: 1, price: px(108), quantity: 0.2, clientOrderId: tpCid(1) }),
      ]);
  });

  it('ModifyStopLoss to the price the ladder set makes it a plain stop loss, and is recorded (§4)', () => {
    const moved = [
      ...activeOrder(side, { stopLoss: { price: px(95), ladder: 1 } }),
      event('StopLadderMoved', 13, { afterLevel: 2, from: 100, to: px(105) }),
    ];
    const state = exchangeOnly
      .given(moved)
      .when({ type: 'ModifyStopLoss', orderId: 'o-1', ts: 14, price: px(105) })
      .then([event('StopLossModified', 14, { from: px(105), to: px(105) })]);
    expect(state?.stopSource).toBe('STOP_LOSS');
  });

  it('moves to the resolved price of an offset level, and not once nothing is left to protect', () => {
    exchangeOnly
      .given(
        activeOrder(side, {
          takeProfits: [
            { offsetPct: 2, sizePct: 50 },
            { offsetPct: 4, sizePct: 50 },
          ],
          stopLoss: { offsetPct: 3, ladder: 1 },
        }),
      )
      .when(tick(px(104), 10), trade(tpCid(1), px(104), 0.5, 11), trade(tpCid(2), px(104), 0.5, 12))
      .then([
        event('TpTriggered', 10, {
          level: 1,
          price: px(104),
          targetPrice: px(102),
          quantity: 0.5,
          clientOrderId: tpCid(1),
        }),
        event('TpTriggered', 10, {
          level: 2,
          price: px(104),
          targetPrice: px(104),
          quantity: 0.5,
          clientOrderId: tpCid(2),
        }),
        event('TpFilled', 11, { level: 1, price: px(104), quantity: 0.5, clientOrderId: tpCid(1) }),
        event('BreakEvenMoved', 11, { from: px(97), to: 100 }),
        event('TpFilled', 12, { level: 2, price: px(104), quantity: 0.5, clientOrderId: tpCid(2) }),
        event('OcoCancelled', 12, {
          reason: 'ALL_TP_FILLED',
          levels: [],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('SmartOrderClosed', 12, {
          realisedPnl: { gross: 4, fees: 0, net: 4 },
          feesUnvalued: [],
          dust: 0,
        }),
      ]);
  });
});

describe('the stop ladder with the other rules', () => {
  it('the native protective stop follows a ladder move (SEMANTICS §7), behind the new stop', () => {
    const events = exchangeOnly.history(
      aSmartOrder('BUY', {
        stopLoss: { price: 95, ladder: 1 },
        nativeStop: { offsetRate: 0.01, mode: 'AMEND' },
      }),
      entryFill(),
      tick(110, 10),
      trade(tpCid(1), 110, 0.4, 11),
      trade(tpCid(2), 110, 0.35, 12),
    );
    const moved = events.findIndex((e) => e.type === 'StopLadderMoved');
    expect(events[moved]?.data).toEqual({ afterLevel: 2, from: 100, to: 105 });
    const after = events.slice(moved + 1).find((e) => e.type === 'NativeStopMoved');
    expect(after?.data).toMatchObject({ stopPrice: 103.95, quantity: 0.25 });
    expect(fold(events)?.nativeStop?.orders.map((o) => o.stopPrice)).toEqual([103.95]);
  });

  it('property: whatever order take-profits fill in, the ladder never loosens the stop and only ever moves it to break-even or to a level behind the last filled', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('BUY' as const, 'SELL' as const),
        fc.constantFrom(1 as const, 2 as const),
        fc.shuffledSubarray([1, 2, 3], { minLength: 1 }),
        (side, k, order) => {
          const px = mirror(side);
          const prices = [px(105), px(110), px(120)];
          let events = exchangeOnly.history(
            aSmartOrder(side, { stopLoss: { price: px(95), ladder: k } }),
            entryFill(),
            tick(px(120), 10),
          );
          for (const [i, level] of order.entries()) {
            const before = fold(events);
            const quantity = before?.takeProfits[level - 1]?.quantity ?? 0;
            const decided = decide(
              trade(tpCid(level), prices[level - 1] as number, quantity, 11 + i),
              before,
            );
            if (decided._tag === 'Left') throw new Error(decided.left.message);
            for (const e of decided.right) {
              if (e.type === 'StopLadderMoved') {
                expect(e.data.afterLevel).toBe(level);
                expect(e.data.to).toBe(prices[level - k - 1]);
              }
              if (e.type === 'BreakEvenMoved') expect(level - k).toBe(0);
              if (e.type === 'StopLadderMoved' || e.type === 'BreakEvenMoved') {
                expect(e.data.from === null || better(side, e.data.to, e.data.from)).toBe(true);
              }
            }
            events = [...events, ...decided.right];
          }
        },
      ),
    );
  });
});
