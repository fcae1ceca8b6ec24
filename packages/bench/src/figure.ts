import { formatTarget, median, spreadOf, statusOf, type Status, type Target } from './stats';

/** One side of a figure: the median of its repetitions, every repetition kept. */
export interface Summary {
  readonly name: string;
  readonly unit: string;
  /** The median of `samples`. */
  readonly value: number;
  readonly samples: readonly number[];
  readonly min: number;
  readonly max: number;
}

/** The process's CPU time beside the wall time of each repetition's timed window. */
export interface CpuBeside {
  readonly wallSeconds: readonly number[];
  readonly cpuSeconds: readonly number[];
  /**
   * The figure computed on CPU time instead of wall time, each repetition (a rate per
   * CPU-second, a ratio of such rates, CPU seconds): what the work costs whatever else the
   * machine runs. A machine shared with other work moves the wall figure and much less this one.
   */
  readonly samples: readonly number[];
  /** Their median, spread and status against the figure's target. */
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly spread: number;
  readonly status: Status | null;
}

export interface Figure extends Summary {
  /** `(max − min)` around the median as its farthest fraction: 0.25 is ±25 %. */
  readonly spread: number;
  readonly cpu: CpuBeside | null;
  /** What a ratio is judged against: its denominator, measured alternately with it. */
  readonly baseline: Summary | null;
  readonly target: string | null;
  readonly status: Status | null;
}

/** A timed window: how much work was done in how long, by the clock and by the process's CPU. */
export interface Window {
  readonly work: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
}

export const summaryOf = (name: string, unit: string, samples: readonly number[]): Summary => {
  const { min, max } = spreadOf(samples);
  return { name, unit, value: median(samples), samples, min, max };
};

export interface FigureOptions {
  readonly cpu?: CpuBeside | null;
  readonly baseline?: Summary | null;
  readonly target?: Target | null;
}

export const figureOf = (
  name: string,
  unit: string,
  samples: readonly number[],
  options: FigureOptions = {},
): Figure => {
  const target = options.target ?? null;
  return {
    ...summaryOf(name, unit, samples),
    spread: spreadOf(samples).relative,
    cpu: options.cpu ?? null,
    baseline: options.baseline ?? null,
    target: target === null ? null : formatTarget(target),
    status: statusOf(samples, target),
  };
};

export const cpuBeside = (
  windows: { readonly wallSeconds: readonly number[]; readonly cpuSeconds: readonly number[] },
  samples: readonly number[],
  target: Target | null,
): CpuBeside => {
  const { min, max, relative } = spreadOf(samples);
  return {
    wallSeconds: windows.wallSeconds,
    cpuSeconds: windows.cpuSeconds,
    samples,
    value: median(samples),
    min,
    max,
    spread: relative,
    status: statusOf(samples, target),
  };
};

const cpuOf = (
  windows: readonly Window[],
  samples: readonly number[],
  target: Target | null,
): CpuBeside =>
  cpuBeside(
    {
      wallSeconds: windows.map((w) => w.wallSeconds),
      cpuSeconds: windows.map((w) => w.cpuSeconds),
    },
    samples,
    target,
  );

/** Work per wall-clock second of each window (ticks/s, events/s), with the rate per CPU-second beside it. */
export const rateFigure = (
  name: string,
  unit: string,
  windows: readonly Window[],
  target: Target | null = null,
): Figure =>
  figureOf(
    name,
    unit,
    windows.map((w) => w.work / w.wallSeconds),
    {
      cpu: cpuOf(
        windows,
        windows.map((w) => w.work / w.cpuSeconds),
        target,
      ),
      target,
    },
  );

/** Wall-clock seconds of each window (a restart), with its CPU seconds beside it. */
export const durationFigure = (
  name: string,
  windows: readonly Window[],
  target: Target | null = null,
): Figure =>
  figureOf(
    name,
    's',
    windows.map((w) => w.wallSeconds),
    {
      cpu: cpuOf(
        windows,
        windows.map((w) => w.cpuSeconds),
        target,
      ),
      target,
    },
  );

/**
 * Repetition i of `measured` over repetition i of `baseline`: the two were measured one after
 * the other, so a burst of load hits both, and the ratio holds where the absolute figures move.
 */
export const ratioFigure = (
  name: string,
  measured: Figure,
  baseline: Figure,
  target: Target | null,
): Figure => {
  if (measured.samples.length !== baseline.samples.length)
    throw new Error(
      `${name}: ${measured.samples.length} repetitions against ${baseline.samples.length}; a ratio pairs them`,
    );
  const ratios = measured.samples.map((v, i) => v / (baseline.samples[i] as number));
  const base = baseline.cpu;
  const cpu =
    measured.cpu !== null && base !== null
      ? cpuBeside(
          measured.cpu,
          measured.cpu.samples.map((v, i) => v / (base.samples[i] as number)),
          target,
        )
      : null;
  return figureOf(name, '×', ratios, {
    cpu,
    baseline: summaryOf(baseline.name, baseline.unit, baseline.samples),
    target,
  });
};
