export interface Point {
  readonly x: number;
  readonly value: number;
}

/**
 * At most about `2 × buckets` points of a time series: the lowest and the highest of each time
 * bucket, in time order, with the first and last points kept. A one-tick spike (an off-market
 * print) survives, which averaging or picking every n-th point would lose.
 */
export const downsampleMinMax = <P extends Point>(points: readonly P[], buckets: number): P[] => {
  if (points.length <= 2 * buckets) return [...points];
  const first = points[0] as P;
  const last = points[points.length - 1] as P;
  const span = last.x - first.x;
  const bucketOf = (p: P, i: number): number =>
    span > 0
      ? Math.min(buckets - 1, Math.floor(((p.x - first.x) / span) * buckets))
      : Math.floor((i / points.length) * buckets);
  const keep = new Set<number>([0, points.length - 1]);
  let bucket = -1;
  let low = 0;
  let high = 0;
  points.forEach((p, i) => {
    const b = bucketOf(p, i);
    if (b !== bucket) {
      if (bucket >= 0) keep.add(low).add(high);
      bucket = b;
      low = i;
      high = i;
    } else {
      if (p.value < (points[low] as P).value) low = i;
      if (p.value > (points[high] as P).value) high = i;
    }
  });
  keep.add(low).add(high);
  return [...keep].sort((a, b) => a - b).map((i) => points[i] as P);
};
