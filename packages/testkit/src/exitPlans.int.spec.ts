import type { Tick } from '@smart-orders/core';
import { replay } from './replay';

// SEMANTICS §8.1, §8.2 and §8.5 through the engine and the paper exchange: one long whose
// levels are offsets from its entry fill, whose second level trails, and whose stop climbs the
// ladder behind the take-profits.
const SYMBOL = 'BTC/USDT';
const tick = (ts: number, price: number): Tick => ({ type: 'Tick', symbol: SYMBOL, ts, price });
const create = {
  type: 'CreateSmartOrder' as const,
  orderId: 'plan-1',
  ts: 500,
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY' as const,
  quantity: 1,
  entry: { type: 'MARKET' as const },
  takeProfits: [
    { offsetPct: 2, sizePct: 50 },
    { offsetPct: 5, sizePct: 50, trailing: { callbackRate: 0.01 } },
  ],
  stopLoss: { offsetPct: 3, ladder: 1 as const },
};

describe('an exit plan of offsets, a trailing take-profit and a stop ladder, replayed on paper', () => {
  it('resolves the levels at the entry fill, climbs the ladder after TP1, and trails TP2 to its exit', async () => {
    const replayed = await replay({
      ticks: [
        tick(1_000, 100),
        tick(1_100, 102),
        tick(1_200, 105.5),
        tick(1_300, 107),
        tick(1_400, 105.9),
      ],
      plan: { orders: [{ at: 500, command: create }], commands: [] },
    });
    const events = replayed.events.filter((e) => e.orderId === 'plan-1');
    const of = (type: string) => events.filter((e) => e.type === type).map((e) => e.data);
    expect(of('EntryFilled')[0]).toMatchObject({
      price: 100,
      takeProfitPrices: [102, 105],
      stopPrice: 97,
      merged: [],
    });
    expect(of('BreakEvenMoved')).toEqual([{ from: 97, to: 100 }]);
    expect(of('TpTrailArmed')).toEqual([{ level: 2, mark: 105.5, stopPrice: 104.45 }]);
    expect(of('TpTrailRaised')).toEqual([{ level: 2, mark: 107, stopPrice: 105.93 }]);
    expect(of('TpTriggered')).toMatchObject([
      { level: 1, price: 102, targetPrice: 102 },
      { level: 2, price: 105.9, targetPrice: 105 },
    ]);
    expect(of('TpFilled').map((d) => (d as { price: number }).price)).toEqual([102, 105.9]);
    expect(events[events.length - 1]?.type).toBe('SmartOrderClosed');
    expect(replayed.orders[0]).toMatchObject({ status: 'CLOSED', progress: '2/2' });
  });
});
