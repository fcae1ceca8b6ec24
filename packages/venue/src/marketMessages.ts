import { decimalText } from './decimalText';
import type { Quote } from './quote';
import type { TickerStats } from './tickerStats';

/** Prints carry the recorded size, or a nominal 1 when the recording has none. */
export interface Print {
  readonly id: number;
  readonly price: number;
  readonly qty: number;
  readonly ts: number;
}

/** The venue has no depth: quoted sizes are nominal. */
const NOMINAL_SIZE = decimalText(1);

export const tradeJson = (symbol: string, p: Print) => ({
  e: 'trade',
  E: p.ts,
  s: symbol,
  t: p.id,
  p: decimalText(p.price),
  q: decimalText(p.qty),
  T: p.ts,
  m: false,
  M: true,
});

export const aggTradeJson = (symbol: string, p: Print) => ({
  e: 'aggTrade',
  E: p.ts,
  s: symbol,
  a: p.id,
  p: decimalText(p.price),
  q: decimalText(p.qty),
  f: p.id,
  l: p.id,
  T: p.ts,
  m: false,
  M: true,
});

/** Binance's spot bookTicker has no event type and no time; ccxt knows it by its `b` and `a`. */
export const bookTickerJson = (symbol: string, updateId: number, bid: number, ask: number) => ({
  u: updateId,
  s: symbol,
  b: decimalText(bid),
  B: NOMINAL_SIZE,
  a: decimalText(ask),
  A: NOMINAL_SIZE,
});

const optional = (n: number | null | undefined): string => decimalText(n ?? 0);

export const tickerJson = (symbol: string, s: TickerStats, q: Quote, ts: number) => {
  const change = s.last !== null && s.open !== null ? s.last - s.open : 0;
  return {
    e: '24hrTicker',
    E: ts,
    s: symbol,
    p: decimalText(change),
    P: (s.open ? (change / s.open) * 100 : 0).toFixed(3),
    w: decimalText(s.volume > 0 ? s.quoteVolume / s.volume : 0),
    x: optional(s.open),
    c: optional(s.last),
    Q: decimalText(s.lastQty),
    b: optional(q.bid),
    B: NOMINAL_SIZE,
    a: optional(q.ask),
    A: NOMINAL_SIZE,
    o: optional(s.open),
    h: optional(s.high),
    l: optional(s.low),
    v: decimalText(s.volume),
    q: decimalText(s.quoteVolume),
    O: s.openTime ?? ts,
    C: ts,
    F: s.firstId,
    L: s.lastId,
    n: s.count,
  };
};

export const miniTickerJson = (symbol: string, s: TickerStats, ts: number) => ({
  e: '24hrMiniTicker',
  E: ts,
  s: symbol,
  c: optional(s.last),
  o: optional(s.open),
  h: optional(s.high),
  l: optional(s.low),
  v: decimalText(s.volume),
  q: decimalText(s.quoteVolume),
});

/** `GET /api/v3/ticker/24hr`: the same statistics in the REST spelling. */
export const restTickerJson = (symbol: string, s: TickerStats, q: Quote, ts: number) => {
  const w = tickerJson(symbol, s, q, ts);
  return {
    symbol,
    priceChange: w.p,
    priceChangePercent: w.P,
    weightedAvgPrice: w.w,
    prevClosePrice: w.x,
    lastPrice: w.c,
    lastQty: w.Q,
    bidPrice: w.b,
    bidQty: w.B,
    askPrice: w.a,
    askQty: w.A,
    openPrice: w.o,
    highPrice: w.h,
    lowPrice: w.l,
    volume: w.v,
    quoteVolume: w.q,
    openTime: w.O,
    closeTime: w.C,
    firstId: w.F,
    lastId: w.L,
    count: w.n,
  };
};
