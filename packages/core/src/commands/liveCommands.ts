import * as t from 'io-ts';
import { closed } from '../codecs/closed';
import { Bool, OrderId, PositiveNumber, rule, Timestamp } from '../codecs/rule';

const CallbackRate = rule(
  'a fraction strictly between 0 and 1 (0.02 = 2 %)',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0 && u < 1,
);

/**
 * Commands on a live order. `lastPrice` is the last price the engine saw on the order's
 * symbol; the engine sets it so that the core can refuse a stop that would fire at once.
 */
export const ModifyStopLoss = closed(
  'ModifyStopLoss',
  { type: t.literal('ModifyStopLoss'), orderId: OrderId, ts: Timestamp, price: PositiveNumber },
  // The last tick's book, beside its trade price: a stop is checked on what it triggers on.
  { lastPrice: PositiveNumber, lastBid: PositiveNumber, lastAsk: PositiveNumber },
);
export type ModifyStopLoss = t.TypeOf<typeof ModifyStopLoss>;

export const ModifyTrailing = closed(
  'ModifyTrailing',
  {
    type: t.literal('ModifyTrailing'),
    orderId: OrderId,
    ts: Timestamp,
    callbackRate: CallbackRate,
  },
  { lastPrice: PositiveNumber },
);
export type ModifyTrailing = t.TypeOf<typeof ModifyTrailing>;

export const ToggleBreakEven = closed(
  'ToggleBreakEven',
  { type: t.literal('ToggleBreakEven'), orderId: OrderId, ts: Timestamp, enabled: Bool },
  { lastPrice: PositiveNumber },
);
export type ToggleBreakEven = t.TypeOf<typeof ToggleBreakEven>;

/**
 * `leaveToAccount`: the account's flatten exits this order's position (a kill switch, a stale
 * symbol), so the order never sends an exit of its own, not even for an entry still filling.
 */
export const Cancel = closed(
  'Cancel',
  { type: t.literal('Cancel'), orderId: OrderId, ts: Timestamp },
  { flatten: Bool, lastPrice: PositiveNumber, leaveToAccount: Bool },
);
export type Cancel = t.TypeOf<typeof Cancel>;
