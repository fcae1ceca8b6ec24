/**
 * The statistics every figure of the bench is made of: the median of interleaved repetitions,
 * their spread around it, and whether the figure meets its target — or says nothing, because
 * the repetitions disagree more than the margin a target can be judged by.
 */

/** Nearest-rank percentile (p in 0–100): a value that was measured, never an interpolation. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))
  ] as number;
};

/** The middle value; with an even count, the mean of the two middle values. */
export const median = (values: readonly number[]): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** The arithmetic mean: a repetition made of several runs that have no baseline to take turns with. */
export const meanOf = (values: readonly number[]): number =>
  values.length === 0 ? NaN : values.reduce((sum, v) => sum + v, 0) / values.length;

export interface Spread {
  readonly min: number;
  readonly max: number;
  /**
   * How far the farthest repetition lies from the median, as a fraction of it: 0.25 is
   * "±25 %". Infinity when the median is 0 and the repetitions are not all 0.
   */
  readonly relative: number;
}

export const spreadOf = (values: readonly number[]): Spread => {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const mid = median(values);
  const farthest = Math.max(max - mid, mid - min);
  return {
    min,
    max,
    relative: farthest === 0 ? 0 : mid === 0 ? Infinity : farthest / Math.abs(mid),
  };
};

/** Beyond ±25 % between repetitions, a figure is printed as unstable instead of met or missed. */
export const UNSTABLE_SPREAD = 0.25;

export interface Target {
  readonly op: '>=' | '<=';
  readonly value: number;
}

export type Status = 'met' | 'missed' | 'unstable';

/**
 * `unstable` when the repetitions spread beyond ±25 % (or there are none), whatever the
 * median says; otherwise `met` or `missed` on the median. Null for a stable figure without a
 * target.
 */
export const statusOf = (samples: readonly number[], target: Target | null): Status | null => {
  if (samples.length === 0 || !(spreadOf(samples).relative <= UNSTABLE_SPREAD)) return 'unstable';
  if (target === null) return null;
  const value = median(samples);
  return (target.op === '>=' ? value >= target.value : value <= target.value) ? 'met' : 'missed';
};

export const formatTarget = (target: Target): string =>
  `${target.op === '>=' ? '≥' : '≤'} ${target.value.toLocaleString('en-US')}`;

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
