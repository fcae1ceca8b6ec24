import * as t from 'io-ts';
import { closed } from '../codecs/closed';
import { MarketSymbol, PositiveNumber, Timestamp } from '../codecs/rule';

const TickShape = closed(
  'Tick',
  { type: t.literal('Tick'), symbol: MarketSymbol, ts: Timestamp },
  { price: PositiveNumber, bid: PositiveNumber, ask: PositiveNumber },
);

/** A market observation: the last trade `price`, and/or the top of book. Ticks are commands. */
export const Tick = new t.Type<t.TypeOf<typeof TickShape>, t.TypeOf<typeof TickShape>, unknown>(
  'Tick',
  (u): u is t.TypeOf<typeof TickShape> =>
    TickShape.is(u) && (u.price !== undefined || u.bid !== undefined || u.ask !== undefined),
  (u, c) => {
    const shape = TickShape.validate(u, c);
    if (shape._tag === 'Left') return shape;
    const tick = shape.right;
    return tick.price === undefined && tick.bid === undefined && tick.ask === undefined
      ? t.failure(u, c, 'a tick needs a price, a bid or an ask')
      : shape;
  },
  t.identity,
);
export type Tick = t.TypeOf<typeof Tick>;
