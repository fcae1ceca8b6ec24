import { add, sub, weightedAverage, exitPnl } from '../decimal';
import type { OrderEvent, OrderEventOf } from '../events/orderEvent';
import { isLong } from '../side';
import { createdState } from './createdState';
import { evolveNativeStop, isNativeStop, nativeStopGone } from './evolveNativeStop';
import { netAfterLot, withEntryLot, withFee } from './evolveFees';
import type { EntryLevel, ExitOrder, OrderState, State, TakeProfitLevel } from './orderState';

const allTakeProfitsFilled = (s: OrderState): boolean =>
  s.takeProfits.every((l) => l.status === 'FILLED');

const updateLevel = (
  s: OrderState,
  predicate: (l: TakeProfitLevel) => boolean,
  update: (l: TakeProfitLevel) => TakeProfitLevel,
): readonly TakeProfitLevel[] => s.takeProfits.map((l) => (predicate(l) ? update(l) : l));

const withExitFill = (
  s: OrderState,
  clientOrderId: string,
  price: number,
  quantity: number,
): OrderState => ({
  ...s,
  exits: s.exits.flatMap((x): ExitOrder[] => {
    if (x.clientOrderId !== clientOrderId) return [x];
    const filledQuantity = add(x.filledQuantity, quantity);
    return filledQuantity >= x.quantity ? [] : [{ ...x, filledQuantity }];
  }),
  openQuantity: sub(s.openQuantity, quantity),
  realisedPnl: add(
    s.realisedPnl,
    exitPnl(isLong(s.spec.side), s.entryPrice ?? price, price, quantity),
  ),
});

/** Offset levels take the prices and merges an entry fill resolved (SEMANTICS §8.1). */
const withResolvedLevels = (
  levels: readonly TakeProfitLevel[],
  resolved: { takeProfitPrices?: number[]; merged?: { level: number; into: number }[] },
): readonly TakeProfitLevel[] => {
  const prices = resolved.takeProfitPrices;
  if (prices === undefined) return levels;
  return levels.map((l, i) => ({
    ...l,
    price: prices[i] ?? l.price,
    mergedInto: resolved.merged?.find((m) => m.level === l.level)?.into ?? null,
  }));
};

const withoutExit = (s: OrderState, clientOrderId: string): OrderState => ({
  ...s,
  exits: s.exits.filter((x) => x.clientOrderId !== clientOrderId),
});

/**
 * A lot of an entry ladder's level joins it; the level is FILLED when its lots sum to its
 * quantity. A version 1 completion (below) names the level's own average, and ends it.
 */
const withLevelLot = (
  s: OrderState,
  level: number | undefined,
  price: number,
  lot: number,
  v1Completion: boolean,
): readonly EntryLevel[] | null =>
  s.entryLevels === null || level === undefined
    ? s.entryLevels
    : s.entryLevels.map((l) => {
        if (l.level !== level) return l;
        const filledQuantity = add(l.filledQuantity, lot);
        const completes = v1Completion || filledQuantity >= l.quantity;
        return {
          ...l,
          filledQuantity,
          averagePrice: v1Completion
            ? price
            : weightedAverage([
                { price: l.averagePrice ?? price, quantity: l.filledQuantity },
                { price, quantity: lot },
              ]),
          ...(completes ? { status: 'FILLED' as const, working: false } : {}),
        };
      });

/**
 * Version 1 wrote the parts of an entry before the last as `EntryPartiallyFilled` (folded below
 * as it always was: the order stays PENDING) and one `EntryFilled` when the entry, or a ladder's
 * level, was done, carrying its totals: its `quantity` is then more than the lot it adds (the
 * parts came before it), or it adds nothing (an entry cut short by the venue). Since SEMANTICS
 * §9.4 (version 2) every part is an `EntryFilled` whose `quantity` is exactly the lot it adds.
 * Told apart this way, a log written by either folds as its writer meant it.
 */
const isV1Completion = (e: OrderEventOf<'EntryFilled'>, lot: number): boolean =>
  e.data.quantity !== lot;

/** One entry (not a ladder) works on after a part, until all of it has filled. */
const entryStillWorking = (s: OrderState, total: number, v1Completion: boolean): boolean =>
  !v1Completion && s.entryWorking && total < s.spec.quantity;

const evolveOrder = (s: OrderState, e: OrderEvent): OrderState => {
  switch (e.type) {
    case 'SmartOrderCreated':
      return s;
    case 'EntryPartiallyFilled':
      return withFee(
        withEntryLot(
          {
            ...s,
            entryLevels: withLevelLot(s, e.data.level, e.data.price, e.data.quantity, false),
            ...(e.data.stopPrice === undefined ? {} : { stopLoss: e.data.stopPrice }),
            firstEntryFillTs: s.firstEntryFillTs ?? e.ts,
            entryPrice: weightedAverage([
              { price: s.entryPrice ?? 0, quantity: s.entryFilledQuantity },
              { price: e.data.price, quantity: e.data.quantity },
            ]),
            entryFilledQuantity: e.data.filledQuantity,
          },
          netAfterLot(s, e.data.quantity, e.data.fee),
        ),
        e.data.fee,
        e.data.price,
        true,
      );
    case 'EntryFilled': {
      // The lot joins the position; lots exited before (a stop on a partial entry) stay out.
      // `filledQuantity` and `averagePrice` are the whole entry's when they differ from the
      // event's own (a later part, a ladder's level, SEMANTICS §8.4 and §9.4).
      const total = e.data.filledQuantity ?? e.data.quantity;
      const lot = sub(total, s.entryFilledQuantity);
      const v1 = isV1Completion(e, lot);
      const net = e.data.netQuantity ?? netAfterLot(s, lot, e.data.fee);
      const entryLevels = withLevelLot(s, e.data.level, e.data.price, lot, v1);
      return withFee(
        withEntryLot(
          {
            ...s,
            firstEntryFillTs: s.firstEntryFillTs ?? e.ts,
            status: s.status === 'PENDING' ? 'ACTIVE' : s.status,
            entryWorking: entryLevels?.some((l) => l.working) ?? entryStillWorking(s, total, v1),
            entryLevels,
            entryPrice: e.data.averagePrice ?? e.data.price,
            entryFilledQuantity: total,
            takeProfits: withResolvedLevels(s.takeProfits, e.data).map((l, i) => ({
              ...l,
              quantity: e.data.takeProfitQuantities[i] ?? 0,
            })),
            ...(e.data.stopPrice === undefined ? {} : { stopLoss: e.data.stopPrice }),
          },
          net,
        ),
        e.data.fee,
        e.data.price,
        true,
      );
    }
    case 'TrailingArmed':
    case 'TrailingRaised':
      return s.trailing === null
        ? s
        : {
            ...s,
            trailing: {
              ...s.trailing,
              armed: true,
              mark: e.data.mark,
              stopPrice: e.data.stopPrice,
            },
          };
    case 'TpTrailArmed':
    case 'TpTrailRaised':
      return {
        ...s,
        takeProfits: updateLevel(
          s,
          (l) => l.level === e.data.level && l.trail !== null,
          (l) => ({
            ...l,
            trail: {
              callbackRate: l.trail?.callbackRate ?? 0,
              mark: e.data.mark,
              stopPrice: e.data.stopPrice,
            },
          }),
        ),
      };
    case 'StopLadderMoved':
      return { ...s, stopLoss: e.data.to, stopSource: 'LADDER' };
    case 'EntryTrailArmed':
    case 'EntryTrailMoved':
      return s.entryTrail === null
        ? s
        : {
            ...s,
            entryTrail: {
              ...s.entryTrail,
              armed: true,
              mark: e.data.mark,
              triggerPrice: e.data.triggerPrice,
            },
          };
    case 'EntryTriggered':
      return s.entryTrail === null
        ? s
        : { ...s, entryWorking: true, entryTrail: { ...s.entryTrail, triggered: true } };
    case 'TimeLimitReached':
      return s;
    case 'EntriesCancelled': {
      const asked = new Set(e.data.levels);
      return {
        ...s,
        ...(s.entryLevels === null && e.data.clientOrderIds.includes(s.spec.entryClientOrderId)
          ? { entryCancelAsked: true }
          : {}),
        entryLevels:
          s.entryLevels?.map((l) =>
            asked.has(l.level) && l.status === 'WORKING' ? { ...l, status: 'CANCELLED' } : l,
          ) ?? null,
      };
    }
    case 'TpTriggered':
      return {
        ...s,
        takeProfits: updateLevel(
          s,
          (l) => l.level === e.data.level,
          (l) => ({
            ...l,
            status: 'TRIGGERED',
            clientOrderId: e.data.clientOrderId,
            attempts: l.attempts + 1,
            working: e.data.quantity > 0,
            ...(l.filledQuantity > 0 ? { filledBeforeAttempt: l.filledQuantity } : {}),
          }),
        ),
      };
    case 'TpFilled': {
      const takeProfits = updateLevel(
        s,
        (l) => l.level === e.data.level,
        (l) => {
          const filledQuantity = add(l.filledQuantity, e.data.quantity);
          const done = filledQuantity >= l.quantity;
          return {
            ...l,
            filledQuantity,
            working: l.working && !done,
            status: done ? 'FILLED' : l.status,
          };
        },
      );
      return withFee(
        {
          ...s,
          takeProfits,
          anyTpFilled: true,
          status: s.status === 'ACTIVE' ? 'PARTIALLY_CLOSED' : s.status,
          openQuantity: sub(s.openQuantity, e.data.quantity),
          realisedPnl: add(
            s.realisedPnl,
            exitPnl(
              isLong(s.spec.side),
              s.entryPrice ?? e.data.price,
              e.data.price,
              e.data.quantity,
            ),
          ),
        },
        e.data.fee,
        e.data.price,
        false,
      );
    }
    case 'BreakEvenMoved':
      return { ...s, stopLoss: e.data.to, stopSource: 'BREAK_EVEN', breakEvenMoved: true };
    case 'StopLossTriggered':
      return {
        ...s,
        closing: { reason: 'STOP', kind: e.data.kind, attempts: 1 },
        exits:
          e.data.quantity > 0
            ? [
                ...s.exits,
                {
                  clientOrderId: e.data.clientOrderId,
                  quantity: e.data.quantity,
                  filledQuantity: 0,
                },
              ]
            : s.exits,
      };
    case 'CancelRequested':
      // No exit order yet: the first flatten, if any, is attempt 1.
      return {
        ...s,
        closing: {
          reason: 'CANCEL',
          kind: null,
          attempts: 0,
          flatten: e.data.flatten,
          ...(e.data.reason === undefined ? {} : { cancelReason: e.data.reason }),
          ...(e.data.leftToAccount === true ? { leftToAccount: true } : {}),
        },
      };
    case 'StopLossRetried':
    case 'FlattenTriggered':
      return {
        ...s,
        // With no exit under way, a flatten is a cancel's, or, once every take-profit has
        // filled, the market exit of a ladder level's late lot (SEMANTICS §8.4).
        closing:
          s.closing === null
            ? { reason: allTakeProfitsFilled(s) ? 'CLOSE' : 'CANCEL', kind: null, attempts: 1 }
            : { ...s.closing, attempts: s.closing.attempts + 1 },
        exits:
          e.data.quantity > 0
            ? [
                ...s.exits,
                {
                  clientOrderId: e.data.clientOrderId,
                  quantity: e.data.quantity,
                  filledQuantity: 0,
                },
              ]
            : s.exits,
      };
    case 'StopLossFilled':
    case 'FlattenFilled':
      return withFee(
        withExitFill(s, e.data.clientOrderId, e.data.price, e.data.quantity),
        e.data.fee,
        e.data.price,
        false,
      );
    case 'OcoCancelled': {
      const cancelled = new Set(e.data.levels);
      return {
        ...s,
        takeProfits: updateLevel(
          s,
          (l) => cancelled.has(l.level) && l.status !== 'FILLED',
          (l) => ({ ...l, status: 'CANCELLED' }),
        ),
      };
    }
    case 'StopLossModified':
      return { ...s, stopLoss: e.data.to, stopSource: 'STOP_LOSS', stopOffsetPct: null };
    case 'TrailingModified':
      return {
        ...s,
        trailing:
          s.trailing === null
            ? {
                callbackRate: e.data.to,
                activationPrice: null,
                armed: false,
                mark: null,
                stopPrice: null,
              }
            : {
                ...s.trailing,
                callbackRate: e.data.to,
                stopPrice: e.data.stopPrice ?? s.trailing.stopPrice,
              },
      };
    case 'BreakEvenToggled':
      return { ...s, breakEven: e.data.enabled };
    case 'NativeStopPlaced':
    case 'NativeStopMoved':
    case 'NativeStopCancelled':
    case 'NativeStopFilled':
      return evolveNativeStop(s, e);
    case 'ExchangeOrderAccepted':
      return s;
    case 'ExchangeOrderRejected':
    case 'ExchangeOrderCancelled': {
      const cid = e.data.clientOrderId;
      // An exit refused for insufficient balance holds the order's exits (SEMANTICS §9.1).
      const h: OrderState =
        e.type === 'ExchangeOrderRejected' && e.data.refusal === 'INSUFFICIENT_BALANCE'
          ? { ...s, exitsHeld: true }
          : s;
      if (isNativeStop(h, cid)) return nativeStopGone(h, cid, e.type === 'ExchangeOrderRejected');
      if (h.entryLevels !== null && h.entryLevels.some((l) => l.clientOrderId === cid)) {
        const entryLevels = h.entryLevels.map((l) =>
          l.clientOrderId === cid
            ? { ...l, working: false, status: l.status === 'FILLED' ? l.status : 'CANCELLED' }
            : l,
        ) as EntryLevel[];
        return { ...h, entryLevels, entryWorking: entryLevels.some((l) => l.working) };
      }
      if (cid === h.spec.entryClientOrderId) return { ...h, entryWorking: false };
      const levelHit = h.takeProfits.some((l) => l.clientOrderId === cid);
      if (levelHit) {
        return {
          ...h,
          takeProfits: updateLevel(
            h,
            (l) => l.clientOrderId === cid,
            // An exit the exchange refused or dropped is not a fill: the level waits for its price again.
            (l) => ({
              ...l,
              working: false,
              status: l.status === 'TRIGGERED' ? 'PENDING' : l.status,
            }),
          ),
        };
      }
      return withoutExit(h, cid);
    }
    case 'SmartOrderClosed':
      return { ...s, status: 'CLOSED' };
    case 'SmartOrderStopped':
      return { ...s, status: 'STOPPED' };
    case 'SmartOrderCancelled':
      return {
        ...s,
        status: 'CANCELLED',
        entryWorking: false,
        takeProfits: updateLevel(
          s,
          (l) => l.status === 'PENDING' || l.status === 'TRIGGERED',
          (l) => ({ ...l, status: 'CANCELLED' }),
        ),
      };
  }
};

/** The state after one more event: a pure left fold step, never fails. */
export const evolve = (state: State, event: OrderEvent): State => {
  if (state === null) return event.type === 'SmartOrderCreated' ? createdState(event) : null;
  const next = evolveOrder(state, event);
  if (next === state) return { ...state, version: state.version + 1 };
  // Anything else evolveOrder returns is an object it has just made, seen by no one yet:
  // stamping the version on it saves a second copy of the state's thirty fields, which was a
  // third of a trailing raise and of a restart's fold.
  (next as { version: number }).version = state.version + 1;
  return next;
};

export const fold = (events: readonly OrderEvent[], from: State = null): State =>
  events.reduce(evolve, from);
