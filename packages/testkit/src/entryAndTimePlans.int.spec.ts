import type { Tick } from '@smart-orders/core';
import { replay } from './replay';

// SEMANTICS §8.3, §8.4 and §8.6 through the testkit's replay (engine and paper exchange): a
// trailing entry, an entry ladder and a position time limit, as a backend's own tests write them.
const SYMBOL = 'BTC/USDT';
const tick = (ts: number, price: number): Tick => ({ type: 'Tick', symbol: SYMBOL, ts, price });
const base = {
  type: 'CreateSmartOrder' as const,
  ts: 500,
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY' as const,
  quantity: 1,
};

describe('entry and time exit plans, replayed on paper', () => {
  it('a trailing entry buys at the turn, a ladder fills on the way down, a time limit ends the position', async () => {
    const replayed = await replay({
      ticks: [
        tick(1_000, 100),
        tick(1_100, 95),
        tick(1_200, 96.8),
        tick(1_300, 97),
        tick(5_000, 98),
      ],
      plan: {
        orders: [
          {
            at: 500,
            command: {
              ...base,
              orderId: 'trail-1',
              entry: { type: 'TRAILING', callbackRate: 0.02 },
              referencePrice: 100,
              takeProfits: [{ price: 110, sizePct: 100 }],
            },
          },
          {
            at: 500,
            command: {
              ...base,
              orderId: 'ladder-1',
              referencePrice: 100,
              entries: [
                { type: 'MARKET', sizePct: 50 },
                { price: 96, sizePct: 50 },
              ],
              takeProfits: [{ price: 110, sizePct: 100 }],
              timeLimits: { positionTimeLimitMs: 3_000 },
            },
          },
        ],
        commands: [],
      },
    });
    const of = (orderId: string, type: string) =>
      replayed.events.filter((e) => e.orderId === orderId && e.type === type).map((e) => e.data);
    expect(of('trail-1', 'EntryTrailMoved')).toEqual([{ mark: 95, triggerPrice: 96.9 }]);
    expect(of('trail-1', 'EntryFilled')[0]).toMatchObject({ price: 97, quantity: 1 });
    expect(of('ladder-1', 'EntryFilled')).toMatchObject([
      { level: 1, price: 100, averagePrice: 100 },
      { level: 2, price: 96, averagePrice: 98 },
    ]);
    expect(of('ladder-1', 'TimeLimitReached')).toEqual([{ deadline: 4_000 }]);
    expect(of('ladder-1', 'SmartOrderStopped')[0]).toMatchObject({ kind: 'TIME_LIMIT' });
    expect(replayed.orders.find((o) => o.orderId === 'ladder-1')).toMatchObject({
      status: 'STOPPED',
    });
  });
});
