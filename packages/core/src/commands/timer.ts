import * as t from 'io-ts';
import { closed } from '../codecs/closed';
import { PositiveNumber, Timestamp } from '../codecs/rule';

/**
 * Time passing, as data (SEMANTICS §8.6): a live engine submits one every second with the wall
 * clock's time, so that a deadline passes on a quiet market too; a replay needs none, its ticks
 * carry the time. `lastPrice` is the last price the engine saw on the order's symbol, the price
 * a time exit names.
 */
export const Timer = closed(
  'Timer',
  { type: t.literal('Timer'), ts: Timestamp },
  { lastPrice: PositiveNumber },
);
export type Timer = t.TypeOf<typeof Timer>;
