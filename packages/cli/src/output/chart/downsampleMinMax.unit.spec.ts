import { downsampleMinMax, type Point } from './downsampleMinMax';

const walk = (n: number): Point[] =>
  Array.from({ length: n }, (_, i) => ({ x: 1_000 + i * 10, value: 100 + Math.sin(i / 50) }));

describe('downsampleMinMax', () => {
  it('leaves a short series as it is', () => {
    const points = walk(50);
    expect(downsampleMinMax(points, 100)).toEqual(points);
  });

  it('keeps at most two points per bucket plus the ends, in time order', () => {
    const out = downsampleMinMax(walk(100_000), 1_000);
    expect(out.length).toBeLessThanOrEqual(2_002);
    expect(out.length).toBeGreaterThan(1_000);
    expect(out.every((p, i) => i === 0 || p.x > (out[i - 1] as Point).x)).toBe(true);
    expect(out[0]?.x).toBe(1_000);
    expect(out[out.length - 1]?.x).toBe(1_000 + 99_999 * 10);
  });

  it('keeps a one-tick spike up and down', () => {
    const points = walk(100_000).map((p, i) =>
      i === 31_337 ? { ...p, value: 102.5 } : i === 77_777 ? { ...p, value: 97 } : p,
    );
    const out = downsampleMinMax(points, 500);
    expect(out).toContainEqual(points[31_337]);
    expect(out).toContainEqual(points[77_777]);
    expect(Math.max(...out.map((p) => p.value))).toBe(102.5);
    expect(Math.min(...out.map((p) => p.value))).toBe(97);
  });

  it('buckets by position when every point has the same time', () => {
    const points = Array.from({ length: 1_000 }, (_, i) => ({ x: 5, value: i === 500 ? 1 : 2 }));
    const out = downsampleMinMax(points, 10);
    expect(out.length).toBeLessThanOrEqual(22);
    expect(out).toContainEqual({ x: 5, value: 1 });
  });
});
