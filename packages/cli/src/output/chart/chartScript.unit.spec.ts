import { runInNewContext } from 'node:vm';
import { trailingScenario, TICKS } from '../storedEvents.spec.helper';
import { CHART_SCRIPT } from './chartScript';
import { renderChart } from './renderChart';

interface Drawn {
  readonly opts: {
    series: { label: string; paths?: unknown; points?: { show: boolean } }[];
    ms: number;
  };
  readonly data: (number | null | undefined)[][];
}

/** Runs the page's script against a stand-in for uPlot that records what it is given. */
const draw = (html: string): Drawn[] => {
  const json =
    /<script type="application\/json" id="chart-data">([^]*?)<\/script>/.exec(html)?.[1] ?? '[]';
  const drawn: Drawn[] = [];
  function uPlot(this: unknown, opts: Drawn['opts'], data: Drawn['data']): void {
    drawn.push({ opts, data });
  }
  Object.assign(uPlot, { paths: { stepped: () => 'stepped' }, tzDate: (d: Date) => d });
  const document = {
    getElementById: (id: string) =>
      id === 'chart-data' ? { textContent: json } : { clientWidth: 1200 },
  };
  runInNewContext(CHART_SCRIPT, {
    document,
    window: { addEventListener: () => undefined },
    uPlot,
    JSON,
  });
  return drawn;
};

describe('the chart page script', () => {
  it('hands uPlot one aligned column per series: null before a level starts and after it ends, undefined between its steps', () => {
    const ticks = [
      { type: 'Tick' as const, symbol: 'BTC/USDT', ts: 2000, price: 100 },
      ...TICKS.map((t) => ({ ...t })),
    ];
    const [chart] = draw(renderChart({ ticks, events: trailingScenario(), title: 't' }));
    const x = chart?.data[0] ?? [];
    expect(chart?.opts.ms).toBe(1);
    expect(chart?.data.every((column) => column.length === x.length)).toBe(true);
    const labels = chart?.opts.series.map((s) => s.label) ?? [];
    const column = (label: string) => chart?.data[labels.indexOf(label)] ?? [];
    const rows = x.map((t, i) => [t, column('o-1 TP1')[i]]);
    expect(rows).toEqual([
      [2000, 105],
      [3000, undefined],
      [4000, 105],
      [4000, null],
      [5000, null],
      [6000, null],
      [6000, null],
    ]);
    expect(column('last price')).toEqual([100, 103, 106, undefined, 108, 104, undefined]);
    expect(chart?.opts.series[labels.indexOf('o-1 stop')]?.paths).toBe('stepped');
    expect(chart?.opts.series[labels.indexOf('TP fills')]?.points?.show).toBe(true);
  });
});
