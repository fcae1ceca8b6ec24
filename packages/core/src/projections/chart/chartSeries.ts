/**
 * The chart model shared by the CLI's HTML chart and the panel: series as uPlot draws them,
 * built from the core's own fold so that a chart cannot disagree with the engine. Pure and
 * browser-safe: the panel's page bundles it.
 */

/** How one series is drawn: a price line, a step line of an order's level, or fill marks. */
export interface SeriesStyle {
  readonly label: string;
  readonly kind: 'line' | 'step' | 'points';
  readonly color: string;
  readonly width: number;
  readonly dash?: readonly number[];
}

/** A value from `x` (epoch ms) on; null ends a step line there. */
export interface Sample {
  readonly x: number;
  readonly value: number | null;
}

export interface SampledSeries extends SeriesStyle {
  readonly samples: Sample[];
}

export const CHART_COLORS = {
  price: '#6b7280',
  bid: '#60a5fa',
  ask: '#f87171',
  entry: '#2563eb',
  takeProfit: '#16a34a',
  stop: '#dc2626',
  trailing: '#ea580c',
  flatten: '#7c3aed',
} as const;

export type FillMarkKind = 'entry' | 'takeProfit' | 'stop' | 'flatten';

/** An execution of an order, where the chart marks it. */
export interface FillMark {
  readonly kind: FillMarkKind;
  readonly x: number;
  readonly price: number;
}

export const FILL_MARK_STYLES: Readonly<Record<FillMarkKind, SeriesStyle>> = {
  entry: { label: 'entry fills', kind: 'points', color: CHART_COLORS.entry, width: 1 },
  takeProfit: { label: 'TP fills', kind: 'points', color: CHART_COLORS.takeProfit, width: 1 },
  stop: { label: 'stop fills', kind: 'points', color: CHART_COLORS.stop, width: 1 },
  flatten: { label: 'flatten fills', kind: 'points', color: CHART_COLORS.flatten, width: 1 },
};
