import { trailingScenario, chartEvents } from './chartEvents.spec.helper';
import { orderTracks } from './orderTrack';
import { priceChart } from './priceChart';

const prices = (...points: [number, number][]) => ({
  label: 'price',
  kind: 'line' as const,
  color: '#6b7280',
  width: 1,
  samples: points.map(([x, value]) => ({ x, value })),
});

describe('priceChart', () => {
  it('puts every series on one time axis, a level that ends at a tick on a second row there', () => {
    const chart = priceChart([prices([3000, 103], [6000, 104])], orderTracks(trailingScenario()));
    const at = (label: string) =>
      (chart.series.find((s) => s.label === label)?.points ?? []).map(([row, v]) => [
        chart.x[row],
        v,
      ]);
    expect(chart.x).toEqual([...chart.x].sort((a, b) => a - b));
    // Created at 1000, before the first price: drawn from the first price on.
    expect(at('o-1 TP1')).toEqual([
      [3000, 105],
      [4000, 105],
      [4000, null],
    ]);
    expect(at('TP fills')).toEqual([[4000, 106]]);
    expect(at('stop fills')).toEqual([[6000, 104]]);
  });

  it('carries a live order’s open levels to the right edge, labelled by level alone for one order', () => {
    const events = chartEvents([
      {
        type: 'CreateSmartOrder',
        orderId: 'o-9',
        ts: 10,
        exchange: 'paper',
        symbol: 'ETH/USDT',
        side: 'SELL',
        quantity: 2,
        entry: { type: 'LIMIT', price: 2700 },
        takeProfits: [{ price: 2600, sizePct: 100 }],
      },
    ]);
    const chart = priceChart([prices([10, 2650], [50, 2660])], orderTracks(events), {
      end: 90,
      levelLabels: 'levelOnly',
    });
    expect(chart.series.map((s) => s.label)).toEqual(['price', 'limit entry', 'TP1']);
    const tp = chart.series.find((s) => s.label === 'TP1');
    expect(tp?.points.map(([row, v]) => [chart.x[row], v])).toEqual([
      [10, 2600],
      [90, 2600],
    ]);
  });
});
