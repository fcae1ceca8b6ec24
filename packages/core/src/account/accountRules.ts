import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import { arrayOf, closed } from '../codecs/closed';
import {
  literals,
  MarketSymbol,
  NonEmptyString,
  NonNegativeNumber,
  PositiveNumber,
  rule,
} from '../codecs/rule';

/** A position in base units, signed: negative for a short. */
export const SignedQuantity = rule(
  'a finite number (negative for a short)',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
);

export const SideCodec = literals(['BUY', 'SELL'] as const);

/**
 * An object keyed by ccxt symbol, like `{"BTC/USDT": 2}`. Keys are checked as symbols so that a
 * key such as `__proto__` or `constructor` can never reach a lookup in the decider.
 */
export const symbolRecord = <A>(
  name: string,
  value: t.Type<A, A, unknown>,
  example: string,
): t.Type<Readonly<Record<string, A>>, Readonly<Record<string, A>>, unknown> =>
  new t.Type<Readonly<Record<string, A>>, Readonly<Record<string, A>>, unknown>(
    name,
    (u): u is Record<string, A> =>
      typeof u === 'object' &&
      u !== null &&
      !Array.isArray(u) &&
      Object.entries(u).every(([k, v]) => MarketSymbol.is(k) && value.is(v)),
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) {
        return t.failure(u, c, `must be an object of ccxt symbol → ${value.name}, like ${example}`);
      }
      const errors: t.ValidationError[] = [];
      for (const [symbol, v] of Object.entries(u)) {
        const at = t.appendContext(c, symbol, value, v);
        if (!MarketSymbol.is(symbol)) {
          errors.push({
            value: symbol,
            context: at,
            message: `must be keyed by a ccxt symbol like "BTC/USDT", got ${JSON.stringify(symbol)}`,
          });
        }
        const checked = value.validate(v, at);
        if (isLeft(checked)) errors.push(...checked.left);
      }
      return errors.length > 0 ? t.failures(errors) : t.success(u as Record<string, A>);
    },
    t.identity,
  );

/** Last prices by symbol, as the engine saw them. */
export const PriceMap = symbolRecord('PriceMap', PositiveNumber, '{"BTC/USDT": 43000}');
/** Step sizes by symbol: quantities closer than one step are the same quantity. */
export const StepSizes = symbolRecord('StepSizes', PositiveNumber, '{"BTC/USDT": 0.00001}');

export const PositionReport = closed(
  'Position',
  { symbol: MarketSymbol, quantity: SignedQuantity },
  { averagePrice: PositiveNumber },
);
export type PositionReport = t.TypeOf<typeof PositionReport>;

export const WorkingOrderRef = closed('WorkingOrder', {
  clientOrderId: NonEmptyString,
  symbol: MarketSymbol,
});
export type WorkingOrderRef = t.TypeOf<typeof WorkingOrderRef>;

/** Far above what any account holds; it bounds the work one command can ask for. */
const MAX_ITEMS = 10_000;
export const Positions = arrayOf(PositionReport, 0, MAX_ITEMS);
export const WorkingOrders = arrayOf(WorkingOrderRef, 0, MAX_ITEMS);

/**
 * On spot, the whole balance of a symbol's base asset (free and locked) as the exchange reports
 * it: the account's own position is read from it against a baseline (SEMANTICS §7 v2).
 */
export const SpotBalance = closed(
  'SpotBalance',
  { symbol: MarketSymbol, balance: NonNegativeNumber },
  // What of it is not locked in an order: a flatten never sells more than this (`exitQuantity`).
  { free: NonNegativeNumber },
);
export type SpotBalance = t.TypeOf<typeof SpotBalance>;
export const SpotBalances = arrayOf(SpotBalance, 0, MAX_ITEMS);

/** The value of `key` when the record has it as its own property; never an inherited one. */
export const own = <A>(record: Readonly<Record<string, A>>, key: string): A | undefined =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
