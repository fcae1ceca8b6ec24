import type { Tick } from '@smart-orders/core';
import { COLORS, type Sample, type SampledSeries, type SeriesStyle } from './chartSeries';
import { downsampleMinMax, type Point } from './downsampleMinMax';
import type { FillKind, OrderTrack } from './orderTracks';

/** Enough points for a full-screen chart; a bucket is then narrower than a pixel. */
export const PRICE_BUCKETS = 1500;

/** One series of the page: its style and its values as `[row, value]`, rows indexing `x`. */
export interface ChartSeries extends SeriesStyle {
  readonly points: [number, number | null][];
}

/** What the page's script hands to uPlot for one symbol. */
export interface SymbolChart {
  readonly symbol: string;
  /** Epoch ms, ascending; a time repeats where a series changes twice at one instant. */
  readonly x: number[];
  readonly series: ChartSeries[];
}

const FILL_STYLES: Readonly<Record<FillKind, SeriesStyle>> = {
  entry: { label: 'entry fills', kind: 'points', color: COLORS.entry, width: 1 },
  takeProfit: { label: 'TP fills', kind: 'points', color: COLORS.takeProfit, width: 1 },
  stop: { label: 'stop fills', kind: 'points', color: COLORS.stop, width: 1 },
  flatten: { label: 'flatten fills', kind: 'points', color: COLORS.flatten, width: 1 },
};

const priceSeries = (
  ticks: readonly Tick[],
  field: 'price' | 'bid' | 'ask',
  style: SeriesStyle,
): SampledSeries | null => {
  const points: Point[] = [];
  for (const t of ticks) {
    const value = t[field];
    if (value !== undefined) points.push({ x: t.ts, value });
  }
  return points.length === 0
    ? null
    : { ...style, samples: downsampleMinMax(points, PRICE_BUCKETS) };
};

/**
 * uPlot wants every series on one x array, so each sample gets a row. Samples at one time
 * share a row; a series with a second sample at that time (a level that ends, or moves twice
 * in one tick) puts it in a second row at the same time, and so on.
 */
const aligned = (all: readonly SampledSeries[]): { x: number[]; series: ChartSeries[] } => {
  const entries = all.flatMap((s, series) =>
    s.samples.map((sample, i) => {
      let nth = 0;
      while (i - nth - 1 >= 0 && s.samples[i - nth - 1]?.x === sample.x) nth++;
      return { series, nth, sample };
    }),
  );
  entries.sort((a, b) => a.sample.x - b.sample.x || a.nth - b.nth);
  const x: number[] = [];
  const series: ChartSeries[] = all.map(({ samples: _samples, ...style }) => ({
    ...style,
    points: [],
  }));
  let row: { x: number; nth: number } | null = null;
  for (const { series: i, nth, sample } of entries) {
    if (row === null || row.x !== sample.x || row.nth !== nth) {
      x.push(sample.x);
      row = { x: sample.x, nth };
    }
    series[i]?.points.push([x.length - 1, sample.value]);
  }
  return { x, series };
};

/** The ticks of one symbol with its orders' levels and fills, ready for the page. */
export const symbolChart = (
  symbol: string,
  ticks: readonly Tick[],
  tracks: readonly OrderTrack[],
): SymbolChart => {
  const prices = [
    priceSeries(ticks, 'price', {
      label: 'last price',
      kind: 'line',
      color: COLORS.price,
      width: 1,
    }),
    priceSeries(ticks, 'bid', { label: 'bid', kind: 'line', color: COLORS.bid, width: 1 }),
    priceSeries(ticks, 'ask', { label: 'ask', kind: 'line', color: COLORS.ask, width: 1 }),
  ].filter((s): s is SampledSeries => s !== null);
  const eventTimes = tracks.flatMap((t) => t.lines.flatMap((l) => l.samples.map((s) => s.x)));
  const start = ticks[0]?.ts ?? eventTimes.reduce((a, b) => Math.min(a, b), Infinity);
  const end = eventTimes.reduce((a, b) => Math.max(a, b), ticks[ticks.length - 1]?.ts ?? start);
  // An order created before the first tick (at 0, say) is drawn from the first tick on.
  const clamp = (s: Sample): Sample => (s.x < start ? { ...s, x: start } : s);
  const levels = tracks.flatMap((t) =>
    t.lines.map((line) => {
      const samples = line.samples.map(clamp);
      const last = samples[samples.length - 1];
      if (t.open.has(line) && last !== undefined) samples.push({ x: end, value: last.value });
      return { ...line, samples };
    }),
  );
  const fills = (Object.keys(FILL_STYLES) as FillKind[]).flatMap((kind) => {
    const samples = tracks.flatMap((t) =>
      t.fills.filter((f) => f.kind === kind).map((f) => clamp({ x: f.x, value: f.price })),
    );
    return samples.length === 0 ? [] : [{ ...FILL_STYLES[kind], samples }];
  });
  return { symbol, ...aligned([...prices, ...levels, ...fills]) };
};
