import * as t from 'io-ts';

/**
 * The account stream's events (`account-<accountId>`; EVENTS.md). Codecs are open, as the
 * order events' are: an event may carry more fields than listed; what the decider writes is
 * always complete. Quantities are signed base units (negative: short); P&L is in quote units.
 */
const num = t.number;
const nullableNum = t.union([t.number, t.null]);
const nullableStr = t.union([t.string, t.null]);
const side = t.keyof({ BUY: null, SELL: null });

export const TripReasonCodec = t.keyof({
  DAILY_LOSS_LIMIT: null,
  RUNAWAY_ORDERS: null,
  POSITION_LIMIT: null,
  MANUAL: null,
  HEARTBEAT_LOST: null,
  LIQUIDATION_NEAR: null,
});
export type TripReason = t.TypeOf<typeof TripReasonCodec>;

/**
 * Why a flatten was asked for: a trip of the kill switch (the whole account), or a symbol's
 * market data silent for `flattenAfterStaleMs` (that symbol alone, SEMANTICS §7 v2).
 */
export const FlattenReasonCodec = t.keyof({ ...TripReasonCodec.keys, MARKET_DATA_STALE: null });
export type FlattenReason = t.TypeOf<typeof FlattenReasonCodec>;

export const TradingStateCodec = t.keyof({ ACTIVE: null, REDUCING: null, HALTED: null });

export const TradingStateChangeReason = t.keyof({
  KILL_SWITCH_TRIPPED: null,
  KILL_SWITCH_RESET: null,
  RECONCILIATION_DIVERGED: null,
  RECONCILIATION_COMPLETED: null,
  MANUAL: null,
});

export const DifferenceKind = t.keyof({
  GHOST_POSITION: null,
  UNKNOWN_POSITION: null,
  POSITION_MISMATCH: null,
  ORPHANED_ORDER: null,
  MISSING_ORDER: null,
});
export type DifferenceKind = t.TypeOf<typeof DifferenceKind>;

/**
 * One way the exchange disagrees with the log. For a position `expected`/`actual` are signed
 * quantities; for an order they count the working orders with that client order id (1 or 0).
 */
export const Difference = t.intersection([
  t.type({ kind: DifferenceKind, symbol: t.string, expected: num, actual: num }),
  t.partial({ clientOrderId: t.string }),
]);
export type Difference = t.TypeOf<typeof Difference>;

const symbolQuantity = t.type({ symbol: t.string, quantity: num });
const orderRef = t.type({ clientOrderId: t.string, symbol: t.string });
const reconciliationReason = t.keyof({
  START: null,
  RECONNECT: null,
  MANUAL: null,
  UNEXPECTED_FILL: null,
  INSUFFICIENT_BALANCE: null,
});

const eventCodecs = {
  SessionRolled: t.type({
    session: t.string,
    previous: nullableStr,
    startsAt: num,
    endsAt: num,
    previousSessionPnl: nullableNum,
    carriedUnrealisedPnl: num,
  }),
  FillRecorded: t.intersection([
    t.type({
      orderId: t.string,
      clientOrderId: nullableStr,
      symbol: t.string,
      side,
      price: num,
      quantity: num,
      reduceOnly: t.boolean,
      position: num,
      averagePrice: nullableNum,
      // Net of `fee` when the fill carried one (SEMANTICS §9.2).
      realisedPnl: num,
      sessionPnl: nullableNum,
    }),
    t.partial({ fee: t.type({ amount: num, asset: t.string }) }),
  ]),
  WorkingOrderAdded: t.type({ clientOrderId: t.string, symbol: t.string, reduceOnly: t.boolean }),
  WorkingOrderRemoved: t.type({ clientOrderId: t.string, symbol: t.string }),
  KillSwitchTripped: t.type({
    reason: TripReasonCodec,
    detail: t.string,
    symbol: nullableStr,
    value: nullableNum,
    limit: nullableNum,
    marks: t.record(t.string, num),
  }),
  TradingStateChanged: t.intersection([
    t.type({ from: TradingStateCodec, to: TradingStateCodec, reason: TradingStateChangeReason }),
    t.partial({ by: t.string }),
  ]),
  // `symbol`: the flatten closes that symbol alone and the others keep trading; absent, the
  // whole account. A kill switch tripped during a symbol's flatten widens it to the account.
  FlattenRequested: t.intersection([
    t.type({
      reason: FlattenReasonCodec,
      flatten: num,
      positions: t.array(symbolQuantity),
      workingOrders: t.array(orderRef),
    }),
    t.partial({ symbol: t.string }),
  ]),
  FlattenExitRequested: t.type({
    symbol: t.string,
    side,
    quantity: num,
    attempt: num,
    clientOrderId: t.string,
  }),
  FlattenRetriedAsLimit: t.type({
    reason: t.keyof({ REJECTED: null, REPRICED: null, REMAINDER: null }),
    symbol: t.string,
    side,
    quantity: num,
    limitPrice: num,
    lastPrice: num,
    band: num,
    tickSize: num,
    attempt: num,
    clientOrderId: t.string,
    replaces: t.string,
    rejection: nullableStr,
  }),
  FlattenExitDone: t.type({ symbol: t.string, clientOrderId: t.string, filledQuantity: num }),
  // A limit exit the market left behind: cancelled first; what is left is sent again, at a
  // price of the moment, once the exchange has confirmed it gone (`FlattenExitDone`).
  FlattenExitCancelRequested: t.type({
    symbol: t.string,
    clientOrderId: t.string,
    limitPrice: num,
    lastPrice: num,
  }),
  FlattenTimedOut: t.type({
    elapsedMs: num,
    timeoutMs: num,
    positions: t.array(symbolQuantity),
    workingOrders: num,
  }),
  FlattenConfirmed: t.type({
    elapsedMs: num,
    closedAtMark: t.array(
      t.type({ symbol: t.string, quantity: num, price: nullableNum, realisedPnl: num }),
    ),
  }),
  FlattenAbandoned: t.type({ by: t.string, positions: t.array(symbolQuantity) }),
  KillSwitchReset: t.type({
    by: t.string,
    reason: TripReasonCodec,
    trippedAt: num,
    to: t.keyof({ ACTIVE: null, REDUCING: null }),
  }),
  ReconciliationStarted: t.type({ reason: reconciliationReason }),
  ReconciliationDiverged: t.type({
    reason: reconciliationReason,
    policy: t.keyof({ HALT: null, ADOPT: null, CANCEL_ORPHANS: null }),
    differences: t.array(Difference),
    halted: t.boolean,
  }),
  PositionAdopted: t.type({ symbol: t.string, from: num, to: num, averagePrice: nullableNum }),
  OrderAdopted: orderRef,
  OrderDropped: orderRef,
  OrphanCancelRequested: orderRef,
  ReconciliationCompleted: t.type({
    reason: reconciliationReason,
    positions: num,
    workingOrders: num,
    adopted: t.boolean,
  }),
  HeartbeatRecorded: t.type({}),
  // On spot: the balance of `asset` that is not the engine's (SEMANTICS §7 v2).
  BalanceBaselineRecorded: t.type({ asset: t.string, quantity: num, previous: nullableNum }),
  // SEMANTICS §7 v2: no tick for longer than the engine's limit, then the next tick.
  MarketDataStale: t.type({ symbol: t.string, lastTickTs: nullableNum }),
  MarketDataResumed: t.type({ symbol: t.string }),
} as const;

type Codecs = typeof eventCodecs;
export type AccountEventType = keyof Codecs;
export type AccountEventData<K extends AccountEventType> = t.TypeOf<Codecs[K]>;

/** One decided fact about the account; the store wraps it in the envelope of EVENTS.md. */
export type AccountEvent = {
  [K in AccountEventType]: {
    readonly type: K;
    readonly ts: number;
    readonly data: AccountEventData<K>;
  };
}[AccountEventType];

export type AccountEventOf<K extends AccountEventType> = Extract<AccountEvent, { type: K }>;

export const ACCOUNT_EVENT_TYPES = Object.keys(eventCodecs) as AccountEventType[];

export const accountEvent = <K extends AccountEventType>(
  type: K,
  ts: number,
  data: AccountEventData<K>,
): AccountEventOf<K> => ({ type, ts, data }) as AccountEventOf<K>;

const codecOf = (type: unknown): t.Mixed | undefined =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(eventCodecs, type)
    ? (eventCodecs as Record<string, t.Mixed>)[type]
    : undefined;

/** Decodes a stored account event's type and data (the store boundary). */
export const AccountEventCodec = new t.Type<AccountEvent, AccountEvent, unknown>(
  'AccountEvent',
  (u): u is AccountEvent => {
    const e = u as AccountEvent;
    const codec = codecOf(e?.type);
    return codec !== undefined && typeof e.ts === 'number' && codec.is(e.data);
  },
  (u, c) => {
    if (typeof u !== 'object' || u === null) return t.failure(u, c, 'an event must be an object');
    const e = u as { type?: unknown; ts?: unknown; data?: unknown };
    const codec = codecOf(e.type);
    if (codec === undefined) {
      return t.failure(e.type, c, `unknown account event type ${JSON.stringify(e.type)}`);
    }
    if (typeof e.ts !== 'number') return t.failure(e.ts, c, 'ts must be a number');
    const data = codec.validate(e.data, t.appendContext(c, 'data', codec, e.data));
    return data._tag === 'Left'
      ? data
      : t.success({ type: e.type, ts: e.ts, data: data.right } as AccountEvent);
  },
  t.identity,
);
