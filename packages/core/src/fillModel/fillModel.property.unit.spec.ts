import Big from 'big.js';
import fc from 'fast-check';
import type { Tick } from '../commands/tick';
import { createFillModel } from './createFillModel';
import type { Fill } from './fill';
import type { FeeSchedule } from './feeSchedule';
import { workingOrder, type WorkingOrder } from './workingOrder';

const T0 = 1_700_000_000_000;

const priceArb = fc.integer({ min: 9000, max: 11000 }).map((n) => n / 100);
const sizeArb = fc.option(
  fc.integer({ min: 0, max: 300 }).map((n) => n / 100),
  { nil: undefined },
);

const tickArb: fc.Arbitrary<Tick> = fc.oneof(
  fc.record({ price: priceArb, quantity: sizeArb }).map(({ price, quantity }) => ({
    type: 'Tick' as const,
    symbol: 'BTC/USDT',
    ts: 0,
    price,
    ...(quantity === undefined ? {} : { quantity }),
  })),
  fc
    .record({
      bid: priceArb,
      spread: fc.integer({ min: 1, max: 5 }),
      bidSize: sizeArb,
      askSize: sizeArb,
    })
    .map(({ bid, spread, bidSize, askSize }) => ({
      type: 'Tick' as const,
      symbol: 'BTC/USDT',
      ts: 0,
      bid,
      ask: new Big(bid).plus(spread / 100).toNumber(),
      ...(bidSize === undefined ? {} : { bidSize }),
      ...(askSize === undefined ? {} : { askSize }),
    })),
);

const orderArb = (i: number): fc.Arbitrary<WorkingOrder> =>
  fc
    .record({
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      type: fc.constantFrom('MARKET' as const, 'LIMIT' as const, 'STOP' as const),
      quantity: fc.integer({ min: 1, max: 500 }).map((n) => n / 100),
      level: priceArb,
      reduceOnly: fc.boolean(),
      sentAt: fc.integer({ min: 0, max: 20 }),
    })
    .map((o) =>
      workingOrder({
        clientOrderId: `o${i}`,
        symbol: 'BTC/USDT',
        side: o.side,
        type: o.type,
        quantity: o.quantity,
        ...(o.type === 'LIMIT' ? { price: o.level } : {}),
        ...(o.type === 'STOP' ? { stopPrice: o.level } : {}),
        reduceOnly: o.reduceOnly,
        sentAt: T0 + o.sentAt,
        stepSize: 0.01,
      }),
    );

const scheduleArb: fc.Arbitrary<FeeSchedule> = fc.record({
  makerBps: fc.integer({ min: 0, max: 100 }),
  takerBps: fc.integer({ min: 0, max: 100 }),
  asset: fc.constantFrom('RECEIVED' as const, 'QUOTE' as const),
});

const scenarioArb = fc.record({
  ticks: fc.array(tickArb, { minLength: 1, maxLength: 30 }),
  orders: fc
    .integer({ min: 1, max: 5 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => orderArb(i)))),
  fees: scheduleArb,
  latencyMs: fc.integer({ min: 0, max: 10 }),
});

interface Scenario {
  readonly ticks: readonly Tick[];
  readonly orders: readonly WorkingOrder[];
  readonly fees: FeeSchedule;
  readonly latencyMs: number;
}

const run = (s: Scenario) => {
  const model = createFillModel({ fees: s.fees, latencyMs: s.latencyMs });
  const perTick: { tick: Tick; fills: readonly Fill[] }[] = [];
  let working: readonly WorkingOrder[] = s.orders;
  s.ticks.forEach((raw, i) => {
    const tick = { ...raw, ts: T0 + i };
    const m = model.match(tick, model.budget(tick), working);
    perTick.push({ tick, fills: m.fills });
    working = m.orders;
  });
  return { perTick, left: working };
};

const total = (fills: readonly Fill[]): Big =>
  fills.reduce((a, f) => a.plus(f.quantity), new Big(0));

describe('the fill model’s invariants (SEMANTICS §9.4)', () => {
  it('never fills an order beyond its quantity, and its fills add up to what it reports', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { perTick, left } = run(s);
        const fills = perTick.flatMap((p) => p.fills);
        for (const o of s.orders) {
          const mine = fills.filter((f) => f.clientOrderId === o.clientOrderId);
          const filled = total(mine);
          expect(filled.lte(o.quantity)).toBe(true);
          mine.reduce((acc, f) => {
            const next = acc.plus(f.quantity);
            expect(next.eq(f.cumulativeQuantity)).toBe(true);
            expect(f.complete).toBe(next.eq(o.quantity));
            return next;
          }, new Big(0));
          const still = left.find((w) => w.clientOrderId === o.clientOrderId);
          expect(still === undefined).toBe(filled.eq(o.quantity));
          if (still !== undefined) expect(filled.eq(still.filledQuantity)).toBe(true);
        }
      }),
    );
  });

  it('never fills more on a tick than it printed: one budget for trades, one per book side', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const { tick, fills } of run(s).perTick) {
          if (tick.price !== undefined) {
            if (tick.quantity !== undefined) expect(total(fills).lte(tick.quantity)).toBe(true);
          } else {
            const buys = fills.filter((f) => f.side === 'BUY');
            const sells = fills.filter((f) => f.side === 'SELL');
            if (tick.askSize !== undefined) expect(total(buys).lte(tick.askSize)).toBe(true);
            if (tick.bidSize !== undefined) expect(total(sells).lte(tick.bidSize)).toBe(true);
          }
        }
      }),
    );
  });

  it('charges every fill exactly its rate, in the asset the schedule says', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const f of run(s).perTick.flatMap((p) => p.fills)) {
          const o = s.orders.find((x) => x.clientOrderId === f.clientOrderId) as WorkingOrder;
          const bps = f.liquidity === 'MAKER' ? s.fees.makerBps : s.fees.takerBps;
          const inBase = s.fees.asset === 'RECEIVED' && f.side === 'BUY' && !o.reduceOnly;
          expect(f.fee.asset).toBe(inBase ? 'BTC' : 'USDT');
          const notional = inBase ? new Big(f.quantity) : new Big(f.quantity).times(f.price);
          expect(new Big(f.fee.amount).times(10_000).eq(notional.times(bps))).toBe(true);
          expect(f.liquidity).toBe(o.type === 'LIMIT' ? 'MAKER' : 'TAKER');
        }
      }),
    );
  });

  it('fills nothing before an order meets its first tick (with a latency), and a limit only at or better than its limit', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const f of run(s).perTick.flatMap((p) => p.fills)) {
          const o = s.orders.find((x) => x.clientOrderId === f.clientOrderId) as WorkingOrder;
          // Without a latency an order meets the next tick, whatever its stamp.
          if (s.latencyMs > 0) expect(f.ts).toBeGreaterThanOrEqual(o.sentAt + s.latencyMs);
          if (o.type === 'LIMIT') expect(f.price).toBe(o.price);
        }
      }),
    );
  });
});
