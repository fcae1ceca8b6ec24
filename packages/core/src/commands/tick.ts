import * as t from 'io-ts';
import { closed } from '../codecs/closed';
import {
  Bool,
  MarketSymbol,
  NonEmptyString,
  NonNegativeNumber,
  PositiveNumber,
  Timestamp,
} from '../codecs/rule';

const TickShape = closed(
  'Tick',
  { type: t.literal('Tick'), symbol: MarketSymbol, ts: Timestamp },
  {
    price: PositiveNumber,
    bid: PositiveNumber,
    ask: PositiveNumber,
    // What the market printed (SEMANTICS §9.4): the trade's size, and the sizes at the top of
    // book. The fill model never fills more than this; absent, a fill is not limited.
    quantity: NonNegativeNumber,
    bidSize: NonNegativeNumber,
    askSize: NonNegativeNumber,
    /** The recording's own id of the print (a trade id), for the duplicate-tick rule. */
    id: NonEmptyString,
    /**
     * The recording flags the print as not the market (`is_best_match = false`, an
     * insurance-fund or liquidation print): it never triggers, fills or becomes the last price.
     */
    offMarket: Bool,
  },
);

/**
 * A market observation: the last trade `price`, and/or the top of book, with the sizes the
 * recording carries. Ticks are commands.
 */
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

/**
 * `Tick` when `Listed` names every field of a tick, and `never` when it does not: a function
 * that handles a tick field by field takes its tick as this, so that a field added to `Tick`
 * and forgotten there makes every call of it fail to compile.
 */
export type EveryTickField<Listed extends keyof Tick> =
  Exclude<keyof Tick, Listed> extends never ? Tick : never;
