import type { PricePoint } from '../../src/panelApi';
import { COLORS, type FillKind, type Sample, type Track } from './orderTrack';

/** One series as uPlot draws it. */
export interface ChartSeries {
  readonly label: string;
  readonly kind: 'line' | 'step' | 'points';
  readonly color: string;
  readonly dash?: readonly number[];
  readonly samples: readonly Sample[];
}

export interface ChartData {
  readonly x: number[];
  readonly series: readonly ChartSeries[];
  /** Per series, a value for every x: null is a gap, undefined is joined across or stepped over. */
  readonly ys: (number | null | undefined)[][];
}

const FILL_LABELS: Readonly<Record<FillKind, { label: string; color: string }>> = {
  entry: { label: 'entry fill', color: COLORS.entry },
  takeProfit: { label: 'TP fill', color: COLORS.takeProfit },
  stop: { label: 'stop fill', color: COLORS.stop },
  flatten: { label: 'flatten fill', color: COLORS.flatten },
};

/**
 * uPlot wants every series on one x array. Samples at one time share a row; a series with a
 * second sample at that time (a level that ends, or moves twice in one tick) gets a second row
 * at the same time, so its step is drawn straight up.
 */
const align = (all: readonly ChartSeries[]): ChartData => {
  const entries = all.flatMap((s, series) =>
    s.samples.map((sample, i) => {
      let nth = 0;
      while (i - nth - 1 >= 0 && s.samples[i - nth - 1]?.x === sample.x) nth++;
      return { series, nth, sample };
    }),
  );
  entries.sort((a, b) => a.sample.x - b.sample.x || a.nth - b.nth);
  const x: number[] = [];
  const points: [number, number | null][][] = all.map(() => []);
  let row: { x: number; nth: number } | null = null;
  for (const { series, nth, sample } of entries) {
    if (row === null || row.x !== sample.x || row.nth !== nth) {
      x.push(sample.x);
      row = { x: sample.x, nth };
    }
    points[series]?.push([x.length - 1, sample.value]);
  }
  const ys = points.map((list) => {
    const values: (number | null | undefined)[] = new Array<number | null | undefined>(x.length);
    let current: number | null = null;
    let k = 0;
    for (let i = 0; i < x.length; i++) {
      const point = list[k];
      if (point !== undefined && point[0] === i) {
        current = point[1];
        values[i] = current;
        k++;
      } else values[i] = current === null ? null : undefined;
    }
    return values;
  });
  return { x, series: all, ys };
};

/**
 * The selected order's chart: the price, its levels as they moved and its fills. Levels still
 * open reach the right edge; an order created before the first price is drawn from there.
 */
export const chartData = (
  track: Track,
  prices: readonly PricePoint[],
  now: number | null,
): ChartData => {
  const eventTimes = track.lines.flatMap((l) => l.samples.map((s) => s.x));
  const start = prices[0]?.ts ?? Math.min(...eventTimes);
  const end = Math.max(now ?? -Infinity, prices[prices.length - 1]?.ts ?? -Infinity, ...eventTimes);
  const clamp = (s: Sample): Sample => (s.x < start ? { ...s, x: start } : s);
  const price: ChartSeries = {
    label: 'price',
    kind: 'line',
    color: COLORS.price,
    samples: prices.map((p) => ({ x: p.ts, value: p.price })),
  };
  const levels = track.lines.map((line): ChartSeries => {
    const samples = line.samples.map(clamp);
    const last = samples[samples.length - 1];
    if (track.open.has(line) && last !== undefined && end > last.x)
      samples.push({ x: end, value: last.value });
    return {
      label: line.label,
      kind: 'step',
      color: line.color,
      ...(line.dash ? { dash: line.dash } : {}),
      samples,
    };
  });
  const fills = (Object.keys(FILL_LABELS) as FillKind[]).flatMap((kind): ChartSeries[] => {
    const samples = track.fills
      .filter((f) => f.kind === kind)
      .map((f) => clamp({ x: f.x, value: f.price }));
    return samples.length === 0 ? [] : [{ ...FILL_LABELS[kind], kind: 'points', samples }];
  });
  return align([price, ...levels, ...fills]);
};
