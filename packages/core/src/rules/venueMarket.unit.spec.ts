import fc from 'fast-check';
import { isLeft } from 'fp-ts/Either';
import type { CreateSmartOrder } from '../commands/createSmartOrder';
import { isMultipleOf } from '../decimal';
import { decide } from '../decide';
import { orderMarket, venueMarketIssues } from './venueMarket';

const VENUE = { tickSize: 0.01, stepSize: 0.00001, minQty: 0.00001, minNotional: 5 };

const order: CreateSmartOrder = {
  type: 'CreateSmartOrder',
  orderId: 'lot-1',
  ts: 1,
  exchange: 'binance',
  symbol: 'BTC/USDT',
  side: 'BUY',
  quantity: 0.01234,
  entry: { type: 'LIMIT', price: 50000 },
  takeProfits: [{ price: 51000, sizePct: 100 }],
  stopLoss: { price: 49000 },
  venueMarket: VENUE,
};

const created = (cmd: CreateSmartOrder) => {
  const r = decide(cmd, null);
  if (isLeft(r)) throw new Error(r.left.message);
  return r.right[0]?.data as { market: unknown; venueMarket?: unknown };
};

describe("the venue's market is authoritative (SEMANTICS §1 v2)", () => {
  it('an order without a market is checked and recorded on the venue’s', () => {
    expect(created(order).market).toEqual(VENUE);
    expect(created(order)).not.toHaveProperty('venueMarket');
  });

  it('a quantity off the venue’s lot size is refused at creation, not truncated when sent (0.0123456 on a step of 0.00001)', () => {
    const r = decide({ ...order, quantity: 0.0123456 }, null);
    expect(isLeft(r) && r.left.issues).toEqual([
      { path: 'quantity', rule: 'must be a multiple of the step size 0.00001, got 0.0123456' },
    ]);
  });

  it('an order’s coarser grid of the venue’s is kept, its minimums at least the venue’s', () => {
    expect(
      created({ ...order, quantity: 0.0123, market: { tickSize: 0.1, stepSize: 0.0001 } }).market,
    ).toEqual({ tickSize: 0.1, stepSize: 0.0001, minQty: 0.00001, minNotional: 5 });
  });

  it('an order’s market the venue contradicts is refused, naming both', () => {
    expect(
      venueMarketIssues({
        ...order,
        market: { tickSize: 0.015, stepSize: 0.000001, minQty: 0, minNotional: 1 },
      }),
    ).toEqual([
      {
        path: 'market.tickSize',
        rule: "must be the venue's tick size 0.01 or a whole multiple of it (the venue's market is authoritative), got 0.015",
      },
      {
        path: 'market.stepSize',
        rule: "must be the venue's step size 0.00001 or a whole multiple of it (the venue's market is authoritative), got 0.000001",
      },
      {
        path: 'market.minQty',
        rule: "must be at least the venue's minimum quantity 0.00001 (the venue's market is authoritative), got 0",
      },
      {
        path: 'market.minNotional',
        rule: "must be at least the venue's minimum notional 5 (the venue's market is authoritative), got 1",
      },
    ]);
    expect(isLeft(decide({ ...order, market: { tickSize: 0.01, stepSize: 0.000001 } }, null))).toBe(
      true,
    );
  });

  it('without a venue market (paper, replays), the order’s own market or the paper default, as before', () => {
    const { venueMarket: _v, ...paper } = order;
    expect(orderMarket(paper)).toEqual({ tickSize: 0.01, stepSize: 0.00000001, minQty: 0 });
    expect(orderMarket({ ...paper, market: { tickSize: 0.5, stepSize: 0.001 } })).toEqual({
      tickSize: 0.5,
      stepSize: 0.001,
      minQty: 0,
    });
  });

  it('property: an order accepted on a venue market holds a quantity, levels and a market all on the venue’s grid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0.001, 0.0001, 0.00001),
        fc.constantFrom(0.01, 0.1),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 9 }),
        (step, tick, multiple, units, noise) => {
          // A quantity on the venue's grid, or (noise) a little off it.
          const quantity = Number((units * step + noise * step * 0.1).toPrecision(12));
          const cmd: CreateSmartOrder = {
            ...order,
            quantity,
            venueMarket: { tickSize: tick, stepSize: step, minQty: step, minNotional: 0 },
            ...(multiple === undefined
              ? {}
              : {
                  market: {
                    tickSize: Number((tick * multiple).toPrecision(12)),
                    stepSize: Number((step * multiple).toPrecision(12)),
                  },
                }),
            entry: { type: 'LIMIT', price: 50000 },
            takeProfits: [
              { price: 51000, sizePct: 50 },
              { price: 52000, sizePct: 50 },
            ],
          };
          const r = decide(cmd, null);
          if (isLeft(r)) return;
          const data = r.right[0]?.data as {
            quantity: number;
            market: { tickSize: number; stepSize: number };
          };
          expect(isMultipleOf(data.quantity, step)).toBe(true);
          expect(isMultipleOf(data.market.stepSize, step)).toBe(true);
          expect(isMultipleOf(data.market.tickSize, tick)).toBe(true);
        },
      ),
    );
  });
});
