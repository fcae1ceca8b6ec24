import type { Tick } from '@smart-orders/core';
import { storedEvents, TICKS, trailingScenario } from '../storedEvents.spec.helper';
import { renderChart } from './renderChart';
import type { SymbolChart } from './symbolChart';

const chartData = (html: string): SymbolChart[] => {
  const json = /<script type="application\/json" id="chart-data">([^]*?)<\/script>/.exec(html)?.[1];
  if (json === undefined) throw new Error('no chart data in the page');
  return JSON.parse(json) as SymbolChart[];
};

const ticks: Tick[] = [
  { type: 'Tick', symbol: 'BTC/USDT', ts: 2000, price: 100 },
  ...TICKS.map((t) => ({ ...t })),
];

describe('renderChart', () => {
  it('is a self-contained page: uPlot inlined, nothing fetched from the network', () => {
    const html = renderChart({ ticks, events: trailingScenario(), title: 'replay' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link[^>]*\shref=["']?https?:/i);
    expect(html).not.toMatch(/url\(["']?https?:/i);
    expect(html).toContain('uPlot');
    expect(html).toContain('.uplot');
    expect(html.length).toBeGreaterThan(40_000);
  });

  it('carries the price, every level of every order and the fills as series on one time axis', () => {
    const [chart] = chartData(renderChart({ ticks, events: trailingScenario(), title: 'replay' }));
    expect(chart?.symbol).toBe('BTC/USDT');
    expect(chart?.series.map((s) => s.label)).toEqual([
      'last price',
      'o-1 TP1',
      'o-1 TP2',
      'o-1 stop',
      'o-1 entry',
      'o-1 trailing stop',
      'entry fills',
      'TP fills',
      'stop fills',
    ]);
    const x = chart?.x ?? [];
    expect(x.every((t, i) => i === 0 || t >= (x[i - 1] as number))).toBe(true);
    const at = (label: string): [number, number | null][] =>
      (chart?.series.find((s) => s.label === label)?.points ?? []).map(([row, value]) => [
        x[row] as number,
        value,
      ]);
    expect(at('last price')).toEqual(ticks.map((t) => [t.ts, t.price]));
    // Created at 1000, before the first tick at 2000: drawn from the first tick on.
    expect(at('o-1 stop')).toEqual([
      [2000, 95],
      [4000, 100],
      [6000, 100],
      [6000, null],
    ]);
    expect(at('TP fills')).toEqual([[4000, 106]]);
  });

  it('extends a live order’s levels to the last tick', () => {
    const events = storedEvents([
      {
        type: 'CreateSmartOrder',
        orderId: 'o-2',
        ts: 2000,
        exchange: 'paper',
        symbol: 'BTC/USDT',
        side: 'BUY',
        quantity: 1,
        entry: { type: 'LIMIT', price: 99 },
        takeProfits: [{ price: 120, sizePct: 100 }],
      },
    ]);
    const [chart] = chartData(renderChart({ ticks, events, title: 'live' }));
    const tp = chart?.series.find((s) => s.label === 'o-2 TP1');
    expect(tp?.points.map(([row, value]) => [chart?.x[row], value])).toEqual([
      [2000, 120],
      [6000, 120],
    ]);
  });

  it('draws one chart per symbol and one table row per order', () => {
    const eth: Tick[] = [{ type: 'Tick', symbol: 'ETH/USDT', ts: 2500, bid: 2600, ask: 2600.5 }];
    const html = renderChart({
      ticks: [...ticks, ...eth],
      events: trailingScenario(),
      title: 'two',
    });
    const charts = chartData(html);
    expect(charts.map((c) => c.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(charts[1]?.series.map((s) => s.label)).toEqual(['bid', 'ask']);
    expect(html).toContain('id="chart-0"');
    expect(html).toContain('id="chart-1"');
    expect(html.match(/<tr><td/g)).toHaveLength(1);
    expect(html).toMatch(
      /<td>o-1<\/td><td>BTC\/USDT<\/td><td>BUY<\/td><td class="num">1<\/td><td>STOPPED<\/td><td class="num">1\/2<\/td>/,
    );
  });

  it('escapes the title and never lets data close its script element', () => {
    const html = renderChart({ ticks, events: [], title: '<b>x</b> & "y"' });
    expect(html).toContain('<title>&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;</title>');
    const weird = storedEvents([
      {
        type: 'CreateSmartOrder',
        orderId: 'o-3',
        ts: 2000,
        exchange: 'paper',
        symbol: 'BTC/USDT',
        side: 'BUY',
        quantity: 1,
        entry: { type: 'LIMIT', price: 99 },
        takeProfits: [{ price: 120, sizePct: 100 }],
      },
    ]);
    const page = renderChart({ ticks, events: weird, title: '</script><script>alert(1)</script>' });
    expect(page.match(/<script/g)?.length).toBe(3);
  });
});
