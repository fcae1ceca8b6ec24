/** How one series is drawn: a price line, a step line of an order's level, or fill marks. */
export interface SeriesStyle {
  readonly label: string;
  readonly kind: 'line' | 'step' | 'points';
  readonly color: string;
  readonly width: number;
  readonly dash?: readonly number[];
}

/** A value from `x` on; null ends a step line there. */
export interface Sample {
  readonly x: number;
  readonly value: number | null;
}

export interface SampledSeries extends SeriesStyle {
  readonly samples: Sample[];
}

export const COLORS = {
  price: '#6b7280',
  bid: '#60a5fa',
  ask: '#f87171',
  entry: '#2563eb',
  takeProfit: '#16a34a',
  stop: '#dc2626',
  trailing: '#ea580c',
  flatten: '#7c3aed',
} as const;
