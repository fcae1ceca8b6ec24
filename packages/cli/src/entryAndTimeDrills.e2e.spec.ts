import { drillEvents as events, replayExitDrill as replay } from './testing/exitDrills';

describe('smart-orders replay: the entry and time drills on recorded ETH/USDT trades (SEMANTICS §8.3, §8.4, §8.6)', () => {
  it('trailing entry: a long buys once the price turned up from its low, a short once it turned down from its high', () => {
    const of = events('trailing-entry.json');
    expect(of('trailing-entry-long', 'EntryTrailArmed')).toEqual([
      { mark: 2678, triggerPrice: 2679.33 },
    ]);
    const moved = of('trailing-entry-long', 'EntryTrailMoved').map((d) => d.triggerPrice as number);
    expect(moved).toEqual([...moved].sort((a, b) => b - a));
    expect(of('trailing-entry-long', 'EntryTriggered')).toEqual([
      expect.objectContaining({ price: 2674.95, triggerPrice: 2674.93 }),
    ]);
    // The venue fills the market entry across the prints after the trigger, each part its own
    // EntryFilled (SEMANTICS §9.4): the first at the trigger's print, the last at the average.
    const parts = of('trailing-entry-long', 'EntryFilled');
    expect(parts[0]).toMatchObject({ price: 2674.95 });
    expect(parts.at(-1)).toMatchObject({ averagePrice: 2674.9864, filledQuantity: 0.1 });
    expect(of('trailing-entry-short', 'EntryTriggered')).toEqual([
      expect.objectContaining({ price: 2683.36, triggerPrice: 2683.39 }),
    ]);
    for (const id of ['trailing-entry-long', 'trailing-entry-short'])
      expect(of(id, 'SmartOrderClosed')).toHaveLength(1);
    expect(replay('trailing-entry.json', 'table')).toContain('TRAILING entry 0.05% from 2678');
  });

  it('entry ladder: the levels fill on their own, the exits follow the average, and the rest is cancelled at the first take-profit', () => {
    const of = events('entry-ladder.json');
    // Each part of a level is its own EntryFilled (SEMANTICS §9.4): the last of each level.
    const lastOf = (level: number) =>
      of('ladder-long', 'EntryFilled')
        .filter((d) => d.level === level)
        .at(-1);
    expect([lastOf(1), lastOf(2), lastOf(3)]).toMatchObject([
      { level: 1, averagePrice: 2682.5087, takeProfitPrices: [2685.19, 2687.87] },
      { level: 2, price: 2678, filledQuantity: 0.06 },
      { level: 3, price: 2675, averagePrice: 2679.50435, takeProfitPrices: [2682.18, 2684.86] },
    ]);
    expect(of('ladder-long', 'TpFilled')[0]).toMatchObject({ level: 1, price: 2682.18 });
    expect(of('ladder-long', 'BreakEvenMoved')).toEqual([{ from: 2671.47, to: 2679.51 }]);
    expect(of('ladder-long', 'EntriesCancelled')).toMatchObject([
      { levels: [4], reason: 'TP_FILLED' },
    ]);
    expect(of('ladder-long', 'SmartOrderStopped')[0]).toMatchObject({ kind: 'BREAK_EVEN' });
    expect(replay('entry-ladder.json', 'table')).toContain('(average 2679.50435 of 0.08)');
  });

  it('time limits: an entry not filled in a minute is cancelled, a position held two minutes is exited', () => {
    const of = events('time-limits.json');
    expect(of('entry-timeout', 'SmartOrderCancelled')[0]).toMatchObject({
      reason: 'ENTRY_TIMEOUT',
      flatten: false,
    });
    expect(of('entry-timeout', 'EntryFilled')).toEqual([]);
    expect(of('position-time-limit', 'TimeLimitReached')).toEqual([{ deadline: 1723161721550 }]);
    expect(of('position-time-limit', 'StopLossTriggered')[0]).toMatchObject({
      kind: 'TIME_LIMIT',
      stopPrice: null,
      price: 2678,
    });
    expect(of('position-time-limit', 'SmartOrderStopped')[0]).toMatchObject({
      kind: 'TIME_LIMIT',
    });
    expect(replay('time-limits.json', 'table')).toContain('TIME_LIMIT: 0.1 @ 2678');
  });
});
