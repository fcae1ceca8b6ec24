import type { EveryTickField, Tick } from '@smart-orders/core';

/**
 * A symbol's last tick as the engine keeps it: an object of the engine's own, rewritten in place
 * by each tick of that symbol, never the tick it was given.
 *
 * Why: a tick kept until its symbol's next tick outlives the young generation's collections when
 * many symbols trade, and V8 learns from the survivors of a place that allocates (the feed's
 * code, the embedding backend's) to allocate everything made there in the old generation from
 * then on, for good, where only full collections free it. A burst of heavy ticks (the ticks
 * that fill a freshly built book's entries) is enough to teach it. Kept so by the duplicate-tick
 * ledger, the last prices and the paper book, the ticks of a book of 1,000 orders over 1,000
 * symbols ran at 0.53–0.69M ticks/s; kept in place, at 1.10–1.34M (docs/performance.md, "Ticks
 * the engine kept").
 */
export type TickRecord = { -readonly [K in keyof Tick]: Tick[K] };

type Fields = EveryTickField<
  | 'type'
  | 'symbol'
  | 'ts'
  | 'price'
  | 'bid'
  | 'ask'
  | 'quantity'
  | 'bidSize'
  | 'askSize'
  | 'id'
  | 'offMarket'
>;

/**
 * A copy of `tick` with every field present (undefined where the tick has none): every record
 * has one shape, so rewriting one never changes it.
 */
export const tickRecordOf = (tick: Fields): TickRecord => ({
  type: tick.type,
  symbol: tick.symbol,
  ts: tick.ts,
  price: tick.price,
  bid: tick.bid,
  ask: tick.ask,
  quantity: tick.quantity,
  bidSize: tick.bidSize,
  askSize: tick.askSize,
  id: tick.id,
  offMarket: tick.offMarket,
});

/** Makes `record` the tick `tick`: a field the tick lacks becomes undefined, as absent. */
export const rewriteTickRecord = (record: TickRecord, tick: Fields): void => {
  record.type = tick.type;
  record.symbol = tick.symbol;
  record.ts = tick.ts;
  record.price = tick.price;
  record.bid = tick.bid;
  record.ask = tick.ask;
  record.quantity = tick.quantity;
  record.bidSize = tick.bidSize;
  record.askSize = tick.askSize;
  record.id = tick.id;
  record.offMarket = tick.offMarket;
};
