import * as t from 'io-ts';
import { arrayOf, closed, tagged } from '../codecs/closed';
import {
  Bool,
  ExchangeId,
  literals,
  MarketSymbol,
  NonNegativeNumber,
  OrderId,
  PositiveNumber,
  rule,
  Timestamp,
} from '../codecs/rule';

export const MAX_TAKE_PROFIT_LEVELS = 20;

const SizePct = rule(
  'a percentage in (0, 100]',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0 && u <= 100,
);

const CallbackRate = rule(
  'a fraction strictly between 0 and 1 (0.02 = 2 %)',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0 && u < 1,
);

export const MarketEntry = closed('MarketEntry', { type: t.literal('MARKET') });
export const LimitEntry = closed('LimitEntry', { type: t.literal('LIMIT'), price: PositiveNumber });
/**
 * A trailing entry (SEMANTICS §8.3): a long buys only once the price has turned up from its
 * low by `callbackRate` (a short sells once it turned down from its high), watching from
 * creation or from the first price at or beyond `activationPrice`.
 */
export const TrailingEntry = closed(
  'TrailingEntry',
  { type: t.literal('TRAILING'), callbackRate: CallbackRate },
  { activationPrice: PositiveNumber },
);
export type TrailingEntry = t.TypeOf<typeof TrailingEntry>;
export const Entry = tagged('Entry', {
  MARKET: MarketEntry,
  LIMIT: LimitEntry,
  TRAILING: TrailingEntry,
});
export type Entry = t.TypeOf<typeof Entry>;

/**
 * A level's distance from the (average) entry fill, in percent (SEMANTICS §8.1). The bound
 * keeps a resolved price on the exact grid; the side's own bound (a long's stop, a short's
 * take-profit below 100) is checked with the order.
 */
export const MAX_OFFSET_PCT = 10_000;
const OffsetPct = rule(
  `a percentage > 0 and < ${MAX_OFFSET_PCT} (2 = 2 % from the entry fill)`,
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0 && u < MAX_OFFSET_PCT,
);

/**
 * An object that must carry exactly one of two fields (a price, or an offset from the entry):
 * the failure names both and says which the input had.
 */
const exactlyOne = <A extends object>(
  codec: t.Type<A, A, unknown>,
  a: keyof A & string,
  b: keyof A & string,
): t.Type<A, A, unknown> => {
  const count = (u: object): number =>
    (a in u && (u as Record<string, unknown>)[a] !== undefined ? 1 : 0) +
    (b in u && (u as Record<string, unknown>)[b] !== undefined ? 1 : 0);
  return new t.Type<A, A, unknown>(
    codec.name,
    (u): u is A => codec.is(u) && count(u) === 1,
    (u, c) => {
      const decoded = codec.validate(u, c);
      if (decoded._tag === 'Left') return decoded;
      const n = count(decoded.right);
      if (n === 1) return decoded;
      // Neither: the missing field is named, so a form shows the error next to it.
      return n === 0
        ? t.failure(
            undefined,
            t.appendContext(c, a, codec, undefined),
            `is required, or ${b} instead`,
          )
        : t.failure(u, c, `must have exactly one of ${a} or ${b}, got both`);
    },
    t.identity,
  );
};

/** At most as many entry levels as take-profit levels: each is an order resting on the venue. */
export const MAX_ENTRY_LEVELS = 20;

/**
 * One level of an entry ladder (SEMANTICS §8.4): `{ "type": "MARKET", sizePct }` (at most one,
 * first) or a limit `{ price, sizePct }`.
 */
export const EntryLevelSpec = exactlyOne(
  closed('EntryLevel', { sizePct: SizePct }, { type: t.literal('MARKET'), price: PositiveNumber }),
  'price',
  'type',
);
export type EntryLevelSpec = t.TypeOf<typeof EntryLevelSpec>;

/** A take-profit level that trails once its price is reached (SEMANTICS §8.2). */
export const LevelTrailingSpec = closed('LevelTrailing', { callbackRate: CallbackRate });

/**
 * A take-profit level: at a price, or *(v2)* at an offset from the entry fill (§8.1), and
 * optionally trailing from its price (§8.2).
 */
export const TakeProfitLevelSpec = exactlyOne(
  closed(
    'TakeProfitLevel',
    { sizePct: SizePct },
    { price: PositiveNumber, offsetPct: OffsetPct, trailing: LevelTrailingSpec },
  ),
  'price',
  'offsetPct',
);
export type TakeProfitLevelSpec = t.TypeOf<typeof TakeProfitLevelSpec>;

/** After take-profit n fills, the stop moves to level n − k (SEMANTICS §8.5). */
export const StopLadder = rule('1 or 2', (u): u is 1 | 2 => u === 1 || u === 2);

export const StopLossSpec = exactlyOne(
  closed('StopLoss', {}, { price: PositiveNumber, offsetPct: OffsetPct, ladder: StopLadder }),
  'price',
  'offsetPct',
);
export type StopLossSpec = t.TypeOf<typeof StopLossSpec>;

export const TrailingSpec = closed(
  'Trailing',
  { callbackRate: CallbackRate },
  { activationPrice: PositiveNumber },
);
export type TrailingSpec = t.TypeOf<typeof TrailingSpec>;

const OffsetRate = rule(
  'a fraction strictly between 0 and 1 (0.005 = 0.5 % behind the managed stop)',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0 && u < 1,
);

/**
 * How a venue keeps the native stop (SEMANTICS §7), resolved by the engine from the exchange
 * when the command does not say; `OFF` carries the reason the venue gave.
 */
export const NativeStopMode = literals(['AMEND', 'REPLACE', 'OFF'] as const);
export type NativeStopMode = t.TypeOf<typeof NativeStopMode>;

/** A stop that rests on the exchange `offsetRate` behind the managed stop. */
export const NativeStopSpec = closed(
  'NativeStop',
  { offsetRate: OffsetRate },
  { mode: NativeStopMode, reason: t.string },
);
export type NativeStopSpec = t.TypeOf<typeof NativeStopSpec>;

export const MarketSpec = closed(
  'Market',
  { tickSize: PositiveNumber, stepSize: PositiveNumber },
  { minQty: NonNegativeNumber, minNotional: NonNegativeNumber },
);
export type MarketSpec = t.TypeOf<typeof MarketSpec>;

/** `LAST` triggers on the last trade; `BID_ASK` on the bid for a long's exits, the ask for a short's. */
export const TriggerSource = literals(['LAST', 'BID_ASK'] as const);
export type TriggerSource = t.TypeOf<typeof TriggerSource>;

export const SideCodec = literals(['BUY', 'SELL'] as const);

/**
 * `breakEven: { "offset": "FEES" }` (SEMANTICS §9.3): the break-even stop covers the fees, the
 * entry's paid and the exit's at `takerBps` (default 10, the paper exchange's default taker).
 */
export const BreakEvenWithFees = closed(
  'BreakEvenWithFees',
  { offset: t.literal('FEES') },
  {
    takerBps: rule(
      'basis points, a finite number in [0, 1000)',
      (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0 && u < 1000,
    ),
  },
);
export type BreakEvenWithFees = t.TypeOf<typeof BreakEvenWithFees>;

/** At most ten years, so that a deadline stays a safe integer of epoch milliseconds. */
const Duration = rule(
  'a whole number of milliseconds in 1..315360000000 (ten years)',
  (u): u is number =>
    Number.isSafeInteger(u) && (u as number) > 0 && (u as number) <= 315_360_000_000,
);

/**
 * Time limits (SEMANTICS §8.6): an entry not filled at all `entryTimeoutMs` after creation is
 * cancelled; a position still open `positionTimeLimitMs` after the first entry fill is exited.
 */
export const TimeLimits = closed(
  'TimeLimits',
  {},
  { entryTimeoutMs: Duration, positionTimeLimitMs: Duration },
);
export type TimeLimits = t.TypeOf<typeof TimeLimits>;

/**
 * Set by the engine on a futures order whose symbol has a `liquidationBufferPct` (issue 14):
 * the symbol's leverage, the buffer and the maintenance margin rate its liquidation price is
 * estimated with (`rules/liquidationPrice.ts`, `rules/stopBeyondLiquidation.ts`).
 */
export const LiquidationGuard = closed(
  'LiquidationGuard',
  {
    leverage: PositiveNumber,
    bufferPct: rule(
      'a percentage strictly between 0 and 100',
      (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0 && u < 100,
    ),
  },
  {
    maintenanceMarginRate: rule(
      'a fraction in [0, 1)',
      (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0 && u < 1,
    ),
  },
);
export type LiquidationGuard = t.TypeOf<typeof LiquidationGuard>;

/** The taker rate break-even with fees assumes when the command names none. */
export const DEFAULT_BREAK_EVEN_TAKER_BPS = 10;

export const CreateSmartOrder = exactlyOne(
  closed(
    'CreateSmartOrder',
    {
      type: t.literal('CreateSmartOrder'),
      orderId: OrderId,
      ts: Timestamp,
      exchange: ExchangeId,
      symbol: MarketSymbol,
      side: SideCodec,
      quantity: PositiveNumber,
      takeProfits: arrayOf(TakeProfitLevelSpec, 1, MAX_TAKE_PROFIT_LEVELS),
    },
    {
      entry: Entry,
      /** An entry ladder instead of one entry (SEMANTICS §8.4). */
      entries: arrayOf(EntryLevelSpec, 1, MAX_ENTRY_LEVELS),
      stopLoss: StopLossSpec,
      trailing: TrailingSpec,
      breakEven: t.union([Bool, BreakEvenWithFees]),
      nativeStop: NativeStopSpec,
      market: MarketSpec,
      triggerSource: TriggerSource,
      timeLimits: TimeLimits,
      /** The last known price, set by the engine: the entry reference of a MARKET entry. */
      referencePrice: PositiveNumber,
      /** Set by the engine on a futures symbol with a liquidation buffer. */
      liquidationGuard: LiquidationGuard,
      /** Set by the engine: the live venue's market, authoritative (SEMANTICS §1 v2). */
      venueMarket: MarketSpec,
    },
  ),
  'entry',
  'entries',
);
export type CreateSmartOrder = t.TypeOf<typeof CreateSmartOrder>;

/** The paper exchange's market when neither the command nor the exchange gives one (SEMANTICS §1). */
export const PAPER_MARKET: Readonly<Required<Omit<MarketSpec, 'minNotional'>>> = {
  tickSize: 0.01,
  stepSize: 0.00000001,
  minQty: 0,
};
