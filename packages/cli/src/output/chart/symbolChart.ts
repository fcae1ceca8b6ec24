import {
  CHART_COLORS,
  priceChart,
  type AlignedSeries,
  type OrderTrack,
  type SampledSeries,
  type SeriesStyle,
  type Tick,
} from '@smart-orders/core';
import { downsampleMinMax, type Point } from './downsampleMinMax';

/** Enough points for a full-screen chart; a bucket is then narrower than a pixel. */
export const PRICE_BUCKETS = 1500;

/** What the page's script hands to uPlot for one symbol (the core's chart model). */
export interface SymbolChart {
  readonly symbol: string;
  /** Epoch ms, ascending; a time repeats where a series changes twice at one instant. */
  readonly x: number[];
  readonly series: AlignedSeries[];
}

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

/** The ticks of one symbol, downsampled, with its orders' levels and fills, ready for the page. */
export const symbolChart = (
  symbol: string,
  ticks: readonly Tick[],
  tracks: readonly OrderTrack[],
): SymbolChart => {
  const line = (label: string, color: string): SeriesStyle => ({
    label,
    kind: 'line',
    color,
    width: 1,
  });
  const prices = [
    priceSeries(ticks, 'price', line('last price', CHART_COLORS.price)),
    priceSeries(ticks, 'bid', line('bid', CHART_COLORS.bid)),
    priceSeries(ticks, 'ask', line('ask', CHART_COLORS.ask)),
  ].filter((s): s is SampledSeries => s !== null);
  return { symbol, ...priceChart(prices, tracks) };
};
