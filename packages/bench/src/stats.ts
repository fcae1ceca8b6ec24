export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export const median = (values: readonly number[]): number => percentile(values, 50);
