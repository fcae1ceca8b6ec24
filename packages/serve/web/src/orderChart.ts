import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { AlignedSeries, PriceChart } from '@smart-orders/core';
import { num } from './format';

const HEIGHT = 340;

/**
 * A series' `[row, value]` pairs on every row: rows before it starts and after a null are null
 * (a gap); rows between two values are undefined, which uPlot steps or draws straight across.
 */
const expand = (s: AlignedSeries, rows: number): (number | null | undefined)[] => {
  const ys = new Array<number | null | undefined>(rows);
  let current: number | null = null;
  let k = 0;
  for (let i = 0; i < rows; i++) {
    const point = s.points[k];
    if (point !== undefined && point[0] === i) {
      current = point[1];
      ys[i] = current;
      k++;
    } else ys[i] = current === null ? null : undefined;
  }
  return ys;
};

const seriesOptions = (data: PriceChart): uPlot.Series[] => [
  {
    label: 'time (UTC)',
    value: (_u, v) => (v == null ? '--' : new Date(v).toISOString().slice(11, 23)),
  },
  ...data.series.map((s): uPlot.Series => {
    const base: uPlot.Series = {
      label: s.label,
      stroke: s.color,
      width: s.width,
      value: (_u, v) => (v == null ? '--' : num(v)),
      points: { show: false },
      ...(s.dash ? { dash: [...s.dash] } : {}),
    };
    if (s.kind === 'step') return { ...base, paths: uPlot.paths.stepped?.({ align: 1 }) };
    if (s.kind === 'points')
      return {
        ...base,
        paths: () => null,
        points: { show: true, size: 9, width: 1, stroke: '#111827', fill: s.color },
      };
    return base;
  }),
];

/**
 * One uPlot chart in `container`, rebuilt when the set of series changes (another order, a
 * level added) and otherwise only given new data, so that live updates stay cheap.
 */
export const createOrderChart = (container: HTMLElement) => {
  let plot: uPlot | null = null;
  let signature = '';
  // A range the user dragged out stays while data flows in, even when the chart is rebuilt for
  // a new level; a double click lets it follow the market again.
  let zoom: { min: number; max: number } | null = null;
  let dragged = false;
  container.addEventListener('dblclick', () => (zoom = null));
  const width = () => Math.max(320, container.clientWidth);
  new ResizeObserver(() => plot?.setSize({ width: width(), height: HEIGHT })).observe(container);
  return {
    draw(data: PriceChart | null): void {
      if (data === null || data.x.length === 0) {
        plot?.destroy();
        plot = null;
        signature = '';
        return;
      }
      const aligned = [
        data.x,
        ...data.series.map((s) => expand(s, data.x.length)),
      ] as uPlot.AlignedData;
      const next = data.series.map((s) => `${s.kind}:${s.label}`).join('|');
      if (plot !== null && next === signature) {
        plot.setData(aligned, zoom === null);
        return;
      }
      plot?.destroy();
      signature = next;
      plot = new uPlot(
        {
          width: width(),
          height: HEIGHT,
          ms: 1,
          tzDate: (ts) => uPlot.tzDate(new Date(ts), 'Etc/UTC'),
          scales: { x: { time: true } },
          axes: [
            { values: (_u, splits) => splits.map((v) => new Date(v).toISOString().slice(11, 19)) },
            { size: 70 },
          ],
          cursor: { drag: { x: true, y: false } },
          hooks: {
            // uPlot shows the dragged selection, then sets the scale to it.
            setSelect: [(u) => void (dragged = u.select.width > 0)],
            setScale: [
              (u, key) => {
                if (key !== 'x') return;
                const { min, max } = u.scales['x'] ?? {};
                if (dragged && min != null && max != null) zoom = { min, max };
                dragged = false;
                // The shown time range, for whoever reads the page (tests among them).
                container.dataset['from'] = String(min ?? '');
                container.dataset['to'] = String(max ?? '');
              },
            ],
          },
          series: seriesOptions(data),
        },
        aligned,
        container,
      );
      if (zoom !== null) plot.setScale('x', zoom);
    },
  };
};
