import Big from 'big.js';
import fc from 'fast-check';
import { decodeCommand } from '../decide';
import { event } from '../events/orderEvent';
import {
  aSmartOrder,
  entryCid,
  entryFill,
  exchangeOnly,
  paper,
  stopCid,
  tick,
  tpCid,
  trade,
} from '../testing/fixtures.spec.helper';
import { offsetPrice } from './offsetLevels';

const offsets = {
  entry: { type: 'MARKET' as const },
  referencePrice: 100,
  takeProfits: [
    { offsetPct: 2, sizePct: 60 },
    { offsetPct: 5, sizePct: 40 },
  ],
  stopLoss: { offsetPct: 1 },
};

describe('levels as offsets from the entry (SEMANTICS §8.1)', () => {
  describe('the worked example: entry 100.03, tick 0.01, TP offset 2, stop offset 1', () => {
    it('a long resolves its TP to 102.03 (102.0306 rounded down) and its stop to 99.03 (99.0297 rounded up), recorded in EntryFilled', () => {
      const state = exchangeOnly
        .given(exchangeOnly.history(aSmartOrder('BUY', offsets)))
        .when(entryFill(100.03))
        .then([
          event('EntryFilled', 2, {
            price: 100.03,
            quantity: 1,
            takeProfitQuantities: [0.6, 0.4],
            clientOrderId: entryCid,
            takeProfitPrices: [102.03, 105.03],
            stopPrice: 99.03,
            merged: [],
          }),
        ]);
      expect(state?.takeProfits.map((l) => l.price)).toEqual([102.03, 105.03]);
      expect(state?.stopLoss).toBe(99.03);
    });

    it('a short mirrors it, rounded toward the entry: TP 98.0294 up to 98.03, stop 101.0303 down to 101.03', () => {
      exchangeOnly
        .given(exchangeOnly.history(aSmartOrder('SELL', offsets)))
        .when(entryFill(100.03))
        .then([
          event('EntryFilled', 2, {
            price: 100.03,
            quantity: 1,
            takeProfitQuantities: [0.6, 0.4],
            clientOrderId: entryCid,
            takeProfitPrices: [98.03, 95.03],
            stopPrice: 101.03,
            merged: [],
          }),
        ]);
    });
  });

  it('the resolved levels act like prices: a long takes profit at 102.03 and is stopped at 99.03', () => {
    const given = paper.history(aSmartOrder('BUY', offsets), entryFill(100.03));
    paper
      .given(given)
      .when(tick(102.02, 10), tick(102.03, 11))
      .then([
        event('TpTriggered', 11, {
          level: 1,
          price: 102.03,
          targetPrice: 102.03,
          quantity: 0.6,
          clientOrderId: tpCid(1),
        }),
        event('TpFilled', 11, { level: 1, price: 102.03, quantity: 0.6, clientOrderId: tpCid(1) }),
      ]);
    const stopped = paper
      .given(given)
      .when(tick(99.04, 10), tick(99.03, 11))
      .then([
        event('StopLossTriggered', 11, {
          kind: 'STOP_LOSS',
          stopPrice: 99.03,
          price: 99.03,
          quantity: 1,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 11, {
          reason: 'STOP_LOSS',
          levels: [1, 2],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        event('StopLossFilled', 11, { price: 99.03, quantity: 1, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 11, {
          kind: 'STOP_LOSS',
          realisedPnl: { gross: -1, fees: 0, net: -1 },
          feesUnvalued: [],
          dust: 0,
        }),
      ]);
    expect(stopped?.status).toBe('STOPPED');
  });

  it('a short with offset take-profits and a price stop resolves only the take-profits', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder('SELL', { ...offsets, stopLoss: { price: 105 } })))
      .when(entryFill(100))
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 1,
          takeProfitQuantities: [0.6, 0.4],
          clientOrderId: entryCid,
          takeProfitPrices: [98, 95],
          merged: [],
        }),
      ]);
  });

  it('an offset stop with price take-profits resolves only the stop', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder('BUY', { stopLoss: { offsetPct: 3 } })))
      .when(entryFill(100))
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 1,
          takeProfitQuantities: [0.4, 0.35, 0.25],
          clientOrderId: entryCid,
          stopPrice: 97,
        }),
      ]);
  });

  it('two levels that resolve to the same price are merged into the nearer one, which takes both sizes; the merged one triggers with it for nothing', () => {
    const close = {
      ...offsets,
      takeProfits: [
        { offsetPct: 1, sizePct: 40 },
        { offsetPct: 1.001, sizePct: 35 },
        { offsetPct: 2, sizePct: 25 },
      ],
    };
    const given = paper.history(aSmartOrder('BUY', close));
    const state = paper
      .given(given)
      .when(entryFill(100), tick(101, 10))
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 1,
          takeProfitQuantities: [0.75, 0, 0.25],
          clientOrderId: entryCid,
          takeProfitPrices: [101, 101, 102],
          stopPrice: 99,
          merged: [{ level: 2, into: 1 }],
        }),
        event('TpTriggered', 10, {
          level: 1,
          price: 101,
          targetPrice: 101,
          quantity: 0.75,
          clientOrderId: tpCid(1),
        }),
        event('TpTriggered', 10, {
          level: 2,
          price: 101,
          targetPrice: 101,
          quantity: 0,
          clientOrderId: tpCid(2),
        }),
        event('TpFilled', 10, { level: 2, price: 101, quantity: 0, clientOrderId: tpCid(2) }),
        event('TpFilled', 10, { level: 1, price: 101, quantity: 0.75, clientOrderId: tpCid(1) }),
      ]);
    expect(state?.takeProfits.map((l) => [l.level, l.mergedInto, l.status])).toEqual([
      [1, null, 'FILLED'],
      [2, 1, 'FILLED'],
      [3, null, 'PENDING'],
    ]);
  });

  it('a partly filled entry protects its lots with the levels resolved on their average price', () => {
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder('BUY', offsets)))
      .when(trade(entryCid, 100, 0.5, 2), trade(entryCid, 102, 1, 3, 0.5))
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 0.5,
          takeProfitQuantities: [0.3, 0.2],
          clientOrderId: entryCid,
          takeProfitPrices: [102, 105],
          stopPrice: 99,
          merged: [],
        }),
        // Each part resolves the levels again on the average so far (§8.1, §9.4).
        event('EntryFilled', 3, {
          price: 102,
          quantity: 0.5,
          takeProfitQuantities: [0.6, 0.4],
          clientOrderId: entryCid,
          averagePrice: 101,
          filledQuantity: 1,
          takeProfitPrices: [103.02, 106.05],
          stopPrice: 99.99,
          merged: [],
        }),
      ]);
  });

  it('a stop the user set while PENDING replaces the offset: the entry fill resolves no stop', () => {
    const given = exchangeOnly.history(aSmartOrder('BUY', offsets), {
      type: 'ModifyStopLoss',
      orderId: 'o-1',
      ts: 1,
      price: 90,
    });
    const state = exchangeOnly
      .given(given)
      .when(entryFill(100))
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 1,
          takeProfitQuantities: [0.6, 0.4],
          clientOrderId: entryCid,
          takeProfitPrices: [102, 105],
          merged: [],
        }),
      ]);
    expect(state?.stopLoss).toBe(90);
  });

  describe('validation: errors that name the field and the rule, nothing recorded', () => {
    const rejects = (
      overrides: Parameters<typeof aSmartOrder>[1],
      message: RegExp,
      side: 'BUY' | 'SELL' = 'BUY',
    ) =>
      exchangeOnly
        .given([])
        .when(aSmartOrder(side, overrides))
        .thenRejects('VALIDATION_FAILED', message);

    it('a level needs exactly one of price or offsetPct', () => {
      rejects(
        { takeProfits: [{ price: 105, offsetPct: 5, sizePct: 100 } as never] },
        /takeProfits\[0\]: must have exactly one of price or offsetPct, got both/,
      );
      rejects(
        { takeProfits: [{ sizePct: 100 } as never] },
        /takeProfits\[0\]\.price: is required, or offsetPct instead/,
      );
      rejects(
        { stopLoss: { ladder: 1 } as never },
        /stopLoss\.price: is required, or offsetPct instead/,
      );
    });

    it('an offset is a percentage > 0', () => {
      rejects(
        { takeProfits: [{ offsetPct: 0, sizePct: 100 }] },
        /takeProfits\[0\]\.offsetPct: must be a percentage > 0 and < 10000/,
      );
      rejects({ stopLoss: { offsetPct: -1 } }, /stopLoss\.offsetPct: must be a percentage > 0/);
    });

    it('levels are all prices or all offsets', () => {
      rejects(
        {
          takeProfits: [
            { offsetPct: 2, sizePct: 50 },
            { price: 110, sizePct: 50 },
          ],
        },
        /takeProfits\[1\]\.price: must be an offsetPct like the first level/,
      );
      rejects(
        {
          takeProfits: [
            { price: 105, sizePct: 50 },
            { offsetPct: 8, sizePct: 50 },
          ],
        },
        /takeProfits\[1\]\.offsetPct: must be a price like the first level/,
      );
    });

    it('offsets strictly ascending', () => {
      rejects(
        {
          takeProfits: [
            { offsetPct: 2, sizePct: 50 },
            { offsetPct: 2, sizePct: 50 },
          ],
        },
        /takeProfits\[1\]\.offsetPct: must be above the previous level's offset 2 \(offsets strictly ascending\), got 2/,
      );
    });

    it("a long's stop offset and a short's take-profit offset below 100", () => {
      rejects({ stopLoss: { offsetPct: 100 } }, /stopLoss\.offsetPct: must be below 100 for a BUY/);
      rejects(
        { takeProfits: [{ offsetPct: 100, sizePct: 100 }], stopLoss: undefined },
        /takeProfits\[0\]\.offsetPct: must be below 100 for a SELL/,
        'SELL',
      );
      // A short's stop is above its entry: any offset up to the codec's bound is a price.
      const created = exchangeOnly.history(aSmartOrder('SELL', { stopLoss: { offsetPct: 150 } }));
      expect(created.map((e) => e.type)).toEqual(['SmartOrderCreated']);
    });

    it('decodes the JSON of a create with offsets, trails and a ladder', () => {
      const decoded = decodeCommand(
        aSmartOrder('BUY', {
          takeProfits: [{ offsetPct: 1.5, sizePct: 100, trailing: { callbackRate: 0.01 } }],
          stopLoss: { offsetPct: 1, ladder: 2 },
        }),
      );
      expect(decoded._tag).toBe('Right');
    });
  });

  it('property: a resolved level is on the grid, never further from the entry than asked, and less than a tick nearer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 9_999 }),
        fc.constantFrom(0.01, 0.5, 1),
        fc.constantFrom('BUY' as const, 'SELL' as const),
        fc.constantFrom('TAKE_PROFIT' as const, 'STOP' as const),
        (entryCents, offsetBp, tickSize, side, of) => {
          const entry = entryCents / 100;
          const offsetPct = offsetBp / 100;
          const price = offsetPrice(side, entry, offsetPct, tickSize, of);
          const above = (side === 'BUY') === (of === 'TAKE_PROFIT');
          const exact = new Big(entry).times(
            new Big(1).plus(new Big(offsetPct).div(100).times(above ? 1 : -1)),
          );
          const distance = exact.minus(price).abs();
          expect(new Big(price).mod(tickSize).eq(0)).toBe(true);
          expect(distance.lt(tickSize)).toBe(true);
          expect(above ? exact.gte(price) : exact.lte(price)).toBe(true);
        },
      ),
    );
  });
});
