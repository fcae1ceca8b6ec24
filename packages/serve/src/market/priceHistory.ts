import type { Tick } from '@smart-orders/core';

export interface PricePoint {
  readonly ts: number;
  readonly price: number;
}

export interface PriceHistory {
  record(tick: Tick): void;
  /** Points of one symbol from `fromTs` on, at most about `maxPoints` of them. */
  read(symbol: string, fromTs: number, maxPoints: number): PricePoint[];
  /** Points of every symbol completed since the last call, for the live feed. */
  drain(): Record<string, PricePoint[]>;
}

interface Track {
  readonly points: PricePoint[];
  bucket: number;
  low: PricePoint;
  high: PricePoint;
  unsent: PricePoint[];
}

const priceOf = (t: Tick): number | undefined =>
  t.price ?? (t.bid !== undefined && t.ask !== undefined ? (t.bid + t.ask) / 2 : (t.bid ?? t.ask));

const inOrder = (a: PricePoint, b: PricePoint): PricePoint[] =>
  a === b ? [a] : a.ts <= b.ts ? [a, b] : [b, a];

/** Keeps the lowest and highest point of each run of `size` points, in time order. */
const thin = (points: readonly PricePoint[], maxPoints: number): PricePoint[] => {
  if (points.length <= maxPoints) return [...points];
  const size = Math.ceil((2 * points.length) / maxPoints);
  const out: PricePoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    const run = points.slice(i, i + size);
    const low = run.reduce((a, b) => (b.price < a.price ? b : a));
    const high = run.reduce((a, b) => (b.price > a.price ? b : a));
    out.push(...inOrder(low, high));
  }
  return out;
};

/**
 * What the chart draws of the price: for each second of market time the lowest and the
 * highest tick, so that a spike through a stop still shows when thousands of ticks are
 * drawn as a few hundred points. The oldest points go once a symbol holds `capacity`.
 */
export const createPriceHistory = (bucketMs = 1_000, capacity = 200_000): PriceHistory => {
  const tracks = new Map<string, Track>();

  const seal = (track: Track) => {
    const done = inOrder(track.low, track.high);
    track.points.push(...done);
    track.unsent.push(...done);
    if (track.points.length > capacity) track.points.splice(0, track.points.length - capacity);
  };

  return {
    record(tick) {
      const price = priceOf(tick);
      if (price === undefined) return;
      const point = { ts: tick.ts, price };
      const bucket = Math.floor(tick.ts / bucketMs);
      const track = tracks.get(tick.symbol);
      if (track === undefined) {
        tracks.set(tick.symbol, { points: [], bucket, low: point, high: point, unsent: [] });
        return;
      }
      if (bucket !== track.bucket) {
        seal(track);
        track.bucket = bucket;
        track.low = point;
        track.high = point;
      } else {
        if (price < track.low.price) track.low = point;
        if (price >= track.high.price) track.high = point;
      }
    },
    read(symbol, fromTs, maxPoints) {
      const track = tracks.get(symbol);
      if (track === undefined) return [];
      const all = [...track.points, ...inOrder(track.low, track.high)].filter(
        (p) => p.ts >= fromTs,
      );
      return thin(all, maxPoints);
    },
    drain() {
      const out: Record<string, PricePoint[]> = {};
      for (const [symbol, track] of tracks) {
        if (track.unsent.length === 0) continue;
        out[symbol] = track.unsent;
        track.unsent = [];
      }
      return out;
    },
  };
};
