import {
  FILL_MARK_STYLES,
  type FillMarkKind,
  type Sample,
  type SampledSeries,
} from './chartSeries';
import type { OrderTrack } from './orderTrack';

/** One series on the chart's rows: its style and its values as `[row, value]`. */
export interface AlignedSeries extends Omit<SampledSeries, 'samples'> {
  readonly points: [number, number | null][];
}

/** What uPlot draws: one x array (epoch ms, ascending) that every series indexes. */
export interface PriceChart {
  /** A time repeats where a series changes twice at one instant. */
  readonly x: number[];
  readonly series: AlignedSeries[];
}

export interface PriceChartOptions {
  /** The chart's right edge when later than every price and event (a live chart's now). */
  readonly end?: number;
  /** A level's legend: `<orderId> <level>` (several orders) or the level alone (one order). */
  readonly levelLabels?: 'withOrderId' | 'levelOnly';
}

/**
 * uPlot wants every series on one x array, so each sample gets a row. Samples at one time
 * share a row; a series with a second sample at that time (a level that ends, or moves twice
 * in one tick) puts it in a second row at the same time, so its step is drawn straight up.
 */
const align = (all: readonly SampledSeries[]): PriceChart => {
  const entries = all.flatMap((s, series) =>
    s.samples.map((sample, i) => {
      let nth = 0;
      while (i - nth - 1 >= 0 && s.samples[i - nth - 1]?.x === sample.x) nth++;
      return { series, nth, sample };
    }),
  );
  entries.sort((a, b) => a.sample.x - b.sample.x || a.nth - b.nth);
  const x: number[] = [];
  const series: AlignedSeries[] = all.map(({ samples: _samples, ...style }) => ({
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

/**
 * The prices with the orders' levels as they moved and their fills, on one time axis. Levels
 * still open reach the right edge; an order created before the first price (at 0, say) is
 * drawn from the first price on.
 */
export const priceChart = (
  prices: readonly SampledSeries[],
  tracks: readonly OrderTrack[],
  options: PriceChartOptions = {},
): PriceChart => {
  const eventTimes = tracks.flatMap((t) => t.lines.flatMap((l) => l.samples.map((s) => s.x)));
  const priceTimes = (pick: (samples: readonly Sample[]) => Sample | undefined): number[] =>
    prices.flatMap((p) => {
      const sample = pick(p.samples);
      return sample === undefined ? [] : [sample.x];
    });
  const firstPrices = priceTimes((samples) => samples[0]);
  // Reduced, not spread: a long replay has more event times than a call takes arguments.
  const start = (firstPrices.length > 0 ? firstPrices : eventTimes).reduce(
    (a, b) => Math.min(a, b),
    Infinity,
  );
  const end = [...priceTimes((samples) => samples.at(-1)), ...eventTimes].reduce(
    (a, b) => Math.max(a, b),
    options.end ?? -Infinity,
  );
  const clamp = (s: Sample): Sample => (s.x < start ? { ...s, x: start } : s);
  const levels = tracks.flatMap((t) =>
    t.lines.map((line): SampledSeries => {
      const { key: _key, name, samples: moved, ...style } = line;
      const samples = moved.map(clamp);
      const last = samples.at(-1);
      if (t.open.has(line) && last !== undefined && end > last.x)
        samples.push({ x: end, value: last.value });
      return { ...style, label: options.levelLabels === 'levelOnly' ? name : line.label, samples };
    }),
  );
  const fills = (Object.keys(FILL_MARK_STYLES) as FillMarkKind[]).flatMap((kind) => {
    const samples = tracks.flatMap((t) =>
      t.fills.filter((f) => f.kind === kind).map((f) => clamp({ x: f.x, value: f.price })),
    );
    return samples.length === 0 ? [] : [{ ...FILL_MARK_STYLES[kind], samples }];
  });
  return align([...prices, ...levels, ...fills]);
};
