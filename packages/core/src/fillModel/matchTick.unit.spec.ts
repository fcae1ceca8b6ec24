import type { Tick } from '../commands/tick';
import { createFillModel } from './createFillModel';
import type { Fill } from './fill';
import type { FillModelConfig } from './fillModelConfig';
import { workingOrder, type WorkingOrder } from './workingOrder';

const T0 = 1_700_000_000_000;

const tick = (over: Partial<Tick>): Tick => ({ type: 'Tick', symbol: 'BTC/USDT', ts: T0, ...over });

const order = (over: Partial<WorkingOrder> & Pick<WorkingOrder, 'clientOrderId'>): WorkingOrder =>
  workingOrder({
    symbol: 'BTC/USDT',
    side: 'SELL',
    type: 'MARKET',
    quantity: 1,
    reduceOnly: true,
    sentAt: T0,
    ...over,
  });

/** Plays ticks against orders; the fills of every tick, in order. */
const play = (
  ticks: readonly Tick[],
  orders: readonly WorkingOrder[],
  config: Partial<FillModelConfig> = {},
): { fills: Fill[]; left: readonly WorkingOrder[] } => {
  const model = createFillModel(config);
  const fills: Fill[] = [];
  let working = orders;
  for (const t of ticks) {
    const m = model.match(t, model.budget(t), working);
    fills.push(...m.fills);
    working = m.orders;
  }
  return { fills, left: working };
};

const brief = (fills: readonly Fill[]) =>
  fills.map((f) => [f.clientOrderId, f.ts - T0, f.price, f.quantity, f.complete]);

describe('fills like a market (SEMANTICS §9.4)', () => {
  it('takes at most the printed trade size, the rest on later ticks at their prices', () => {
    const { fills, left } = play(
      [
        tick({ price: 100, quantity: 0.3 }),
        tick({ ts: T0 + 1, price: 99, quantity: 0.5 }),
        tick({ ts: T0 + 2, price: 98, quantity: 5 }),
      ],
      [order({ clientOrderId: 'a' })],
    );
    expect(brief(fills)).toEqual([
      ['a', 0, 100, 0.3, false],
      ['a', 1, 99, 0.5, false],
      ['a', 2, 98, 0.2, true],
    ]);
    expect(fills.map((f) => f.cumulativeQuantity)).toEqual([0.3, 0.8, 1]);
    expect(left).toEqual([]);
  });

  it('shares one tick’s printed size across orders, in order of creation', () => {
    const { fills } = play(
      [tick({ price: 100, quantity: 1.5 }), tick({ ts: T0 + 1, price: 101, quantity: 9 })],
      [order({ clientOrderId: 'first' }), order({ clientOrderId: 'second', side: 'BUY' })],
    );
    expect(brief(fills)).toEqual([
      ['first', 0, 100, 1, true],
      ['second', 0, 100, 0.5, false],
      ['second', 1, 101, 0.5, true],
    ]);
  });

  it('lets an order sent in answer to a tick take what that tick has left', () => {
    const model = createFillModel();
    const t = tick({ price: 100, quantity: 1 });
    const first = model.match(t, model.budget(t), [order({ clientOrderId: 'a', quantity: 0.4 })]);
    const answer = model.match(t, first.budget, [order({ clientOrderId: 'b' })]);
    expect(answer.fills.map((f) => f.quantity)).toEqual([0.6]);
    expect(answer.orders[0]?.filledQuantity).toBe(0.6);
  });

  it('takes a quote tick’s askSize for a buy and bidSize for a sell', () => {
    const { fills } = play(
      [tick({ bid: 99, ask: 101, bidSize: 0.2, askSize: 0.7 })],
      [
        order({ clientOrderId: 's' }),
        order({ clientOrderId: 'b', side: 'BUY', reduceOnly: false }),
      ],
    );
    expect(brief(fills)).toEqual([
      ['s', 0, 99, 0.2, false],
      ['b', 0, 101, 0.7, false],
    ]);
    expect(fills[1]?.fee).toEqual({ amount: 0.0007, asset: 'BTC' });
  });

  it('fills a limit at its limit, as a maker, only on ticks that still reach it', () => {
    const { fills, left } = play(
      [
        tick({ price: 105, quantity: 0.4 }),
        tick({ ts: T0 + 1, price: 104.9, quantity: 10 }),
        tick({ ts: T0 + 2, price: 106, quantity: 0.1 }),
      ],
      [order({ clientOrderId: 'tp', type: 'LIMIT', price: 105 })],
    );
    expect(brief(fills)).toEqual([
      ['tp', 0, 105, 0.4, false],
      ['tp', 2, 105, 0.1, false],
    ]);
    expect(fills.every((f) => f.liquidity === 'MAKER')).toBe(true);
    expect(left[0]?.filledQuantity).toBe(0.5);
  });

  it('fires a stop once the market trades through it, then fills it at any later price', () => {
    const { fills } = play(
      [
        tick({ price: 96, quantity: 3 }),
        tick({ ts: T0 + 1, price: 94.5, quantity: 0.25 }),
        tick({ ts: T0 + 2, price: 97, quantity: 3 }),
      ],
      [order({ clientOrderId: 'sl', type: 'STOP', stopPrice: 95 })],
    );
    expect(brief(fills)).toEqual([
      ['sl', 1, 94.5, 0.25, false],
      ['sl', 2, 97, 0.75, true],
    ]);
    expect(fills.every((f) => f.liquidity === 'TAKER')).toBe(true);
  });

  it('does not let a single 0.001 print fill a whole take-profit (the usdm insurance-fund print)', () => {
    const { fills } = play(
      [tick({ price: 28722.5, quantity: 0.001 })],
      [order({ clientOrderId: 'tp', type: 'LIMIT', price: 28300, quantity: 0.4 })],
    );
    expect(brief(fills)).toEqual([['tp', 0, 28300, 0.001, false]]);
  });

  it('fills in full when the recording has no sizes, or with sizeLimits off', () => {
    expect(brief(play([tick({ price: 100 })], [order({ clientOrderId: 'a' })]).fills)).toEqual([
      ['a', 0, 100, 1, true],
    ]);
    const off = play([tick({ price: 100, quantity: 0.1 })], [order({ clientOrderId: 'a' })], {
      sizeLimits: false,
    });
    expect(brief(off.fills)).toEqual([['a', 0, 100, 1, true]]);
  });

  it('meets an order sent at t with the first tick at or after t + latencyMs', () => {
    const { fills } = play(
      [tick({ price: 100 }), tick({ ts: T0 + 49, price: 99 }), tick({ ts: T0 + 50, price: 98 })],
      [order({ clientOrderId: 'a' })],
      { latencyMs: 50 },
    );
    expect(brief(fills)).toEqual([['a', 50, 98, 1, true]]);
  });

  it('without a latency, meets an order with the next tick whatever its stamp (a live sender’s clock is not the recording’s)', () => {
    const { fills } = play([tick({ ts: T0 - 500, price: 99 })], [order({ clientOrderId: 'a' })]);
    expect(brief(fills)).toEqual([['a', -500, 99, 1, true]]);
  });

  it('floors a partial fill to the order’s step, and waits when that leaves nothing', () => {
    const { fills } = play(
      [tick({ price: 100, quantity: 0.005 }), tick({ ts: T0 + 1, price: 100, quantity: 0.037 })],
      [order({ clientOrderId: 'a', quantity: 0.1, stepSize: 0.01 })],
    );
    expect(brief(fills)).toEqual([['a', 1, 100, 0.03, false]]);
  });

  it('moves a taker by the slippage, rounded to the tick against it', () => {
    const { fills } = play(
      [tick({ price: 100.01 })],
      [
        order({ clientOrderId: 's', tickSize: 0.01 }),
        order({ clientOrderId: 'b', side: 'BUY', tickSize: 0.01 }),
      ],
      { slippageBps: 10 },
    );
    expect(fills.map((f) => f.price)).toEqual([99.9, 100.12]);
  });

  it('leaves orders of other symbols alone', () => {
    const other = order({ clientOrderId: 'eth', symbol: 'ETH/USDT' });
    expect(play([tick({ price: 100 })], [other])).toEqual({ fills: [], left: [other] });
  });
});
