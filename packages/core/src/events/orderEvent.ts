import * as t from 'io-ts';
import {
  Entry,
  MarketSpec,
  NativeStopMode,
  SideCodec,
  TakeProfitLevelSpec,
  TriggerSource,
} from '../commands/createSmartOrder';
import { FeeData } from '../fees/reportedFee';

/**
 * The order events of EVENTS.md. Codecs are open (an event may carry more fields than the
 * contract lists); what the decider writes is always complete.
 */
const num = t.number;
const nullableNum = t.union([t.number, t.null]);

export const StopKind = t.keyof({
  STOP_LOSS: null,
  BREAK_EVEN: null,
  TRAILING_STOP: null,
  /** A stop the stop ladder set at a take-profit level (SEMANTICS §8.5). */
  LADDER: null,
  // A position held past its time limit is exited like a stop (SEMANTICS §8.6).
  TIME_LIMIT: null,
});
export type StopKind = t.TypeOf<typeof StopKind>;

export const OcoReason = t.keyof({
  STOP_LOSS: null,
  TRAILING_STOP: null,
  ALL_TP_FILLED: null,
  MANUAL_CANCEL: null,
  TIME_LIMIT: null,
  ENTRY_TIMEOUT: null,
});
export type OcoReason = t.TypeOf<typeof OcoReason>;

/**
 * Why native stops are cancelled: a newer one was accepted, the managed exit (stop or
 * flatten) has taken over, or the order ended.
 */
export const NativeStopCancelReason = t.keyof({
  REPLACED: null,
  EXIT_STARTED: null,
  ORDER_ENDED: null,
});
export type NativeStopCancelReason = t.TypeOf<typeof NativeStopCancelReason>;

/** The fee a fill event carries when the exchange reported one (SEMANTICS §9.1). */
const withFee = <P extends t.Props>(props: P) =>
  t.intersection([t.type(props), t.partial({ fee: FeeData })]);

/**
 * What a terminal event settles (SEMANTICS §9.2): realised P&L in the quote asset, gross, fees
 * and net (`fees + net = gross`), the fees nothing valued, and the base quantity left below one
 * step. Absent on events written before fees were counted.
 */
const Settlement = t.partial({
  realisedPnl: t.type({ gross: num, fees: num, net: num }),
  feesUnvalued: t.array(t.type({ asset: t.string, amount: num })),
  dust: num,
});

/**
 * Offset levels resolved at an entry fill (SEMANTICS §8.1): every take-profit's price, the
 * stop's, and the levels merged into a nearer one because they resolved to its price.
 */
const ResolvedOffsets = {
  takeProfitPrices: t.array(num),
  stopPrice: num,
  merged: t.array(t.type({ level: num, into: num })),
};

export const SmartOrderCreatedData = t.intersection([
  t.type({
    orderId: t.string,
    exchange: t.string,
    symbol: t.string,
    side: SideCodec,
    quantity: num,
    /** With an entry ladder, its first level as one entry, for readers that know one entry. */
    entry: Entry,
    takeProfits: t.array(TakeProfitLevelSpec),
    breakEven: t.boolean,
    market: t.type({ tickSize: num, stepSize: num, minQty: num }),
    triggerSource: TriggerSource,
    entryClientOrderId: t.string,
  }),
  t.partial({
    /** A price, or an offset from the entry fill (SEMANTICS §8.1); `ladder` per §8.5. */
    stopLoss: t.partial({
      price: num,
      offsetPct: num,
      ladder: t.union([t.literal(1), t.literal(2)]),
    }),
    trailing: t.intersection([t.type({ callbackRate: num }), t.partial({ activationPrice: num })]),
    referencePrice: num,
    /** Break-even with fees (SEMANTICS §9.3), the taker rate it assumes for the exit. */
    breakEvenFees: t.type({ takerBps: num }),
    timeLimits: t.partial({ entryTimeoutMs: num, positionTimeLimitMs: num }),
    /** The entry ladder (SEMANTICS §8.4), each level with its quantity and client order id. */
    entries: t.array(
      t.intersection([
        t.type({ sizePct: num, quantity: num, clientOrderId: t.string }),
        t.partial({ type: t.literal('MARKET'), price: num }),
      ]),
    ),
    nativeStop: t.intersection([
      t.type({ offsetRate: num, mode: NativeStopMode }),
      t.partial({ reason: t.string }),
    ]),
  }),
]);
export type SmartOrderCreatedData = t.TypeOf<typeof SmartOrderCreatedData>;
export type MarketData = t.TypeOf<typeof MarketSpec>;

const eventCodecs = {
  SmartOrderCreated: SmartOrderCreatedData,
  // Version 1: a part of an entry before the last. Since SEMANTICS §9.4 (version 2) every part
  // is an `EntryFilled`; kept so that logs written before fold as they did (state/evolve.ts).
  EntryPartiallyFilled: t.intersection([
    withFee({ price: num, quantity: num, filledQuantity: num, clientOrderId: t.string }),
    // An offset stop resolved on the lots filled so far, which it protects at once; the entry
    // ladder's level this lot belongs to (SEMANTICS §8.4).
    t.partial({ stopPrice: num, level: num }),
  ]),
  EntryFilled: t.intersection([
    t.type({
      price: num,
      quantity: num,
      takeProfitQuantities: t.array(num),
      clientOrderId: t.string,
    }),
    // One part of the entry (SEMANTICS §9.4): `price`, `quantity` and `fee` are this part's;
    // `netQuantity` the whole entry so far less its fees in the base asset. (A version 1 log
    // wrote one EntryFilled when the entry was done, with its totals: see state/evolve.ts.)
    t.partial({ fee: FeeData, netQuantity: num, ...ResolvedOffsets }),
    // After the first part, and on every part of an entry ladder (§8.4): `averagePrice` and
    // `filledQuantity` of everything filled so far; `level`, the ladder's level of this part.
    t.partial({ level: num, averagePrice: num, filledQuantity: num }),
  ]),
  TrailingArmed: t.type({ mark: num, stopPrice: num }),
  EntryTrailArmed: t.type({ mark: num, triggerPrice: num }),
  EntryTrailMoved: t.type({ mark: num, triggerPrice: num }),
  /** The trailing entry's trigger was reached: its market entry order is sent (the intent). */
  EntryTriggered: t.type({
    price: num,
    triggerPrice: num,
    quantity: num,
    clientOrderId: t.string,
  }),
  TimeLimitReached: t.type({ deadline: num }),
  EntriesCancelled: t.type({
    levels: t.array(num),
    reason: t.keyof({
      TP_FILLED: null,
      STOP_LOSS: null,
      TRAILING_STOP: null,
      MANUAL_CANCEL: null,
      TIME_LIMIT: null,
      ENTRY_TIMEOUT: null,
    }),
    clientOrderIds: t.array(t.string),
  }),
  TrailingRaised: t.type({ mark: num, stopPrice: num }),
  TpTrailArmed: t.type({ level: num, mark: num, stopPrice: num }),
  TpTrailRaised: t.type({ level: num, mark: num, stopPrice: num }),
  StopLadderMoved: t.type({ afterLevel: num, from: nullableNum, to: num }),
  TpTriggered: t.type({
    level: num,
    price: num,
    targetPrice: num,
    quantity: num,
    clientOrderId: t.string,
  }),
  TpFilled: withFee({ level: num, price: num, quantity: num, clientOrderId: t.string }),
  BreakEvenMoved: t.type({ from: nullableNum, to: num }),
  // A time limit has no stop price, and on a `Timer` no tick price when none is known yet.
  StopLossTriggered: t.type({
    kind: StopKind,
    stopPrice: nullableNum,
    price: nullableNum,
    quantity: num,
    clientOrderId: t.string,
  }),
  StopLossRetried: t.type({
    reason: t.keyof({ REJECTED: null, REMAINDER: null }),
    quantity: num,
    price: nullableNum,
    clientOrderId: t.string,
  }),
  StopLossFilled: withFee({ price: num, quantity: num, clientOrderId: t.string }),
  OcoCancelled: t.type({
    reason: OcoReason,
    levels: t.array(num),
    stopLoss: t.boolean,
    entry: t.boolean,
    clientOrderIds: t.array(t.string),
  }),
  StopLossModified: t.type({ from: nullableNum, to: num }),
  TrailingModified: t.type({ from: nullableNum, to: num, stopPrice: nullableNum }),
  BreakEvenToggled: t.type({ enabled: t.boolean }),
  CancelRequested: t.intersection([
    t.type({ flatten: t.boolean }),
    t.partial({
      reason: t.keyof({ MANUAL: null, ENTRY_TIMEOUT: null }),
      // The account's flatten exits what filled (a kill switch): the order sends no exit.
      leftToAccount: t.literal(true),
    }),
  ]),
  FlattenTriggered: t.type({ quantity: num, price: nullableNum, clientOrderId: t.string }),
  FlattenFilled: withFee({ price: num, quantity: num, clientOrderId: t.string }),
  NativeStopPlaced: t.type({
    stopPrice: num,
    quantity: num,
    clientOrderId: t.string,
    replaces: t.array(t.string),
  }),
  NativeStopMoved: t.type({ clientOrderId: t.string, from: num, stopPrice: num, quantity: num }),
  NativeStopCancelled: t.type({
    reason: NativeStopCancelReason,
    clientOrderIds: t.array(t.string),
  }),
  NativeStopFilled: withFee({ price: num, quantity: num, clientOrderId: t.string }),
  ExchangeOrderAccepted: t.type({ clientOrderId: t.string, exchangeOrderId: t.string }),
  // `refusal: INSUFFICIENT_BALANCE`: an exit held, never sent again (SEMANTICS §9.1).
  ExchangeOrderRejected: t.intersection([
    t.type({ clientOrderId: t.string, reason: t.string }),
    t.partial({ refusal: t.literal('INSUFFICIENT_BALANCE') }),
  ]),
  ExchangeOrderCancelled: t.type({ clientOrderId: t.string, filledQuantity: num }),
  SmartOrderClosed: Settlement,
  SmartOrderStopped: t.intersection([t.type({ kind: StopKind }), Settlement]),
  SmartOrderCancelled: t.intersection([
    t.type({ flatten: t.boolean }),
    t.partial({
      reason: t.keyof({
        MANUAL: null,
        ENTRY_REJECTED: null,
        ENTRY_CANCELLED: null,
        ENTRY_TIMEOUT: null,
      }),
    }),
    Settlement,
  ]),
} as const;

type Codecs = typeof eventCodecs;
export type OrderEventType = keyof Codecs;
export type EventData<K extends OrderEventType> = t.TypeOf<Codecs[K]>;

/** One decided fact about an order; the store wraps it in the envelope of EVENTS.md. */
export type OrderEvent = {
  [K in OrderEventType]: { readonly type: K; readonly ts: number; readonly data: EventData<K> };
}[OrderEventType];

export type OrderEventOf<K extends OrderEventType> = Extract<OrderEvent, { type: K }>;

export const ORDER_EVENT_TYPES = Object.keys(eventCodecs) as OrderEventType[];

export const TERMINAL_EVENT_TYPES: ReadonlySet<OrderEventType> = new Set([
  'SmartOrderClosed',
  'SmartOrderStopped',
  'SmartOrderCancelled',
]);

export const event = <K extends OrderEventType>(
  type: K,
  ts: number,
  data: EventData<K>,
): OrderEventOf<K> => ({ type, ts, data }) as OrderEventOf<K>;

/** Decodes a stored event's type and data (the store boundary). */
export const OrderEventCodec = new t.Type<OrderEvent, OrderEvent, unknown>(
  'OrderEvent',
  (u): u is OrderEvent => {
    const e = u as OrderEvent;
    const codec =
      typeof e?.type === 'string' ? (eventCodecs as Record<string, t.Mixed>)[e.type] : undefined;
    return codec !== undefined && typeof e.ts === 'number' && codec.is(e.data);
  },
  (u, c) => {
    if (typeof u !== 'object' || u === null) return t.failure(u, c, 'an event must be an object');
    const e = u as { type?: unknown; ts?: unknown; data?: unknown };
    const codec =
      typeof e.type === 'string' ? (eventCodecs as Record<string, t.Mixed>)[e.type] : undefined;
    if (codec === undefined)
      return t.failure(e.type, c, `unknown event type ${JSON.stringify(e.type)}`);
    if (typeof e.ts !== 'number') return t.failure(e.ts, c, 'ts must be a number');
    const data = codec.validate(e.data, t.appendContext(c, 'data', codec, e.data));
    return data._tag === 'Left'
      ? data
      : t.success({ type: e.type, ts: e.ts, data: data.right } as OrderEvent);
  },
  t.identity,
);
