import { add, mul } from '@smart-orders/core';

/** Running statistics of the prints played so far: the venue's "24 hour" window is the whole replay. */
export interface TickerStats {
  readonly open: number | null;
  readonly high: number | null;
  readonly low: number | null;
  readonly last: number | null;
  readonly lastQty: number;
  readonly volume: number;
  readonly quoteVolume: number;
  readonly openTime: number | null;
  readonly firstId: number;
  readonly lastId: number;
  readonly count: number;
}

export const EMPTY_STATS: TickerStats = {
  open: null,
  high: null,
  low: null,
  last: null,
  lastQty: 0,
  volume: 0,
  quoteVolume: 0,
  openTime: null,
  firstId: -1,
  lastId: -1,
  count: 0,
};

export const addPrint = (
  s: TickerStats,
  price: number,
  qty: number,
  ts: number,
  id: number,
): TickerStats => ({
  open: s.open ?? price,
  high: s.high === null ? price : Math.max(s.high, price),
  low: s.low === null ? price : Math.min(s.low, price),
  last: price,
  lastQty: qty,
  volume: add(s.volume, qty),
  quoteVolume: add(s.quoteVolume, mul(price, qty)),
  openTime: s.openTime ?? ts,
  firstId: s.firstId === -1 ? id : s.firstId,
  lastId: id,
  count: s.count + 1,
});
