import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drillEvents as events, replayExitDrill as replay } from './testing/exitDrills';

describe('smart-orders replay: the exit plan drills on recorded ETH/USDT trades (SEMANTICS §8)', () => {
  it('offset levels: resolved from each entry fill toward the entry, long and short, and acted on', () => {
    const of = events('offset-levels.json');
    // Each part of an entry is an EntryFilled that resolves the levels on the average so far
    // (SEMANTICS §8.1, §9.4): the last part's are those acted on.
    const entry = (id: string): Record<string, unknown> => {
      const last = of(id, 'EntryFilled').at(-1) ?? {};
      return { ...last, average: last.averagePrice ?? last.price };
    };
    expect(entry('offset-long')).toMatchObject({
      average: 2674.5,
      takeProfitPrices: [2677.17, 2679.84],
      stopPrice: 2670.49,
    });
    expect(entry('offset-short')).toMatchObject({
      average: 2682.50348,
      takeProfitPrices: [2679.83, 2675.8],
      stopPrice: 2687.86,
    });
    for (const id of ['offset-long', 'offset-short']) {
      expect(of(id, 'TpTriggered').map((d) => d.targetPrice)).toEqual(entry(id).takeProfitPrices);
      expect(of(id, 'SmartOrderClosed')).toHaveLength(1);
    }
    const table = replay('offset-levels.json', 'table');
    expect(table).toContain('TP +0.1%×50% +0.2%×50%, SL −0.15%');
    expect(table).toContain('TP 2677.17/2679.84, SL 2670.49');
  });

  it('trailing take-profits: two levels trail at once and each exits on its own fall back', () => {
    const of = events('trailing-take-profit.json');
    const id = 'trailing-tp-long';
    expect(of(id, 'TpTrailArmed')).toEqual([
      { level: 1, mark: 2683.5, stopPrice: 2682.16 },
      { level: 2, mark: 2684.34, stopPrice: 2682.2 },
    ]);
    const raised = of(id, 'TpTrailRaised');
    const stops = (level: number) =>
      raised.filter((d) => d.level === level).map((d) => d.stopPrice as number);
    for (const level of [1, 2])
      expect(stops(level)).toEqual([...stops(level)].sort((a, b) => a - b));
    expect(of(id, 'TpTriggered')).toMatchObject([
      { level: 1, price: 2683.03, targetPrice: 2683.5 },
      { level: 2, price: 2682.21, targetPrice: 2684.3 },
    ]);
    expect(of(id, 'SmartOrderClosed')).toHaveLength(1);
    const dir = mkdtempSync(join(tmpdir(), 'exit-chart-'));
    try {
      const chart = join(dir, 'chart.html');
      replay('trailing-take-profit.json', 'table', ['--chart', chart]);
      const html = readFileSync(chart, 'utf8');
      expect(html).toContain('trailing-tp-long TP1 trail');
      expect(html).toContain('trailing-tp-long TP2 trail');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stop ladder: a short’s stop moves to break-even after TP1, to TP1’s price after TP2, and fires there as LADDER', () => {
    const of = events('stop-ladder.json');
    const id = 'ladder-short';
    expect(of(id, 'BreakEvenMoved')).toEqual([{ from: 2686, to: 2682.5 }]);
    expect(of(id, 'StopLadderMoved')).toEqual([{ afterLevel: 2, from: 2682.5, to: 2680 }]);
    expect(of(id, 'StopLossTriggered')[0]).toMatchObject({ kind: 'LADDER', stopPrice: 2680 });
    expect(of(id, 'SmartOrderStopped')[0]).toMatchObject({ kind: 'LADDER' });
    expect(replay('stop-ladder.json', 'table')).toContain('after L2: stop 2682.5 → 2680');
  });
});
