import { left, right, type Either } from 'fp-ts/Either';
import { add, sub } from '../decimal';
import { parseClientOrderId } from '../clientOrderId';
import type { ExecutionReport } from '../commands/executionReport';
import { domainError, type DomainError } from '../domainError';
import { event, type OrderEvent } from '../events/orderEvent';
import { settlement } from '../fees/settlement';
import type { OrderState } from '../state/orderState';
import { decideBreakEvenOnFill } from './breakEven';
import { decideCompletion } from './completion';
import { decideNativeStopAccepted } from './nativeStop';
import { ocoOnStop } from './oco';
import { effectiveStop } from './effectiveStop';
import { emit, start, then, type Decision } from './decision';
import { refusedForBalance } from './insufficientBalance';
import { retryExit } from './stopLoss';
import { cancelEntries, ladderFill } from './entryLadder';
import { cancelEntryRest, completeVersionOneEntry, entryPartFilled } from './partialEntry';
import { decideStopLadderOnFill } from './stopLadder';

/**
 * The exchange's reports on the orders the engine placed, folded into the order. Reports may
 * arrive twice or late: a fill is counted by its cumulative quantity, so a repeated report
 * changes nothing, and a report about an earlier attempt of a level is ignored.
 */

type Target =
  | { readonly kind: 'entry'; readonly level?: number }
  | { readonly kind: 'level'; readonly level: number }
  | { readonly kind: 'exit'; readonly purpose: 'STOP' | 'FLATTEN' }
  | { readonly kind: 'native' }
  | { readonly kind: 'stale' };

const targetOf = (s: OrderState, cid: string): Target | null => {
  const entryLevel = s.entryLevels?.find((l) => l.clientOrderId === cid);
  if (entryLevel !== undefined) return { kind: 'entry', level: entryLevel.level };
  if (cid === s.spec.entryClientOrderId) return { kind: 'entry' };
  const level = s.takeProfits.find((l) => l.clientOrderId === cid);
  if (level !== undefined) return { kind: 'level', level: level.level };
  const exit = s.exits.find((x) => x.clientOrderId === cid);
  if (exit !== undefined)
    return { kind: 'exit', purpose: cid.startsWith('sos') ? 'STOP' : 'FLATTEN' };
  if (nativeOrder(s, cid) !== undefined) return { kind: 'native' };
  return parseClientOrderId(s.spec.orderId, cid) === null ? null : { kind: 'stale' };
};

/**
 * Every exit is sent reduce-only, so none fills beyond the position: when a native stop and
 * a managed exit race (its cancel in flight as the price gaps through), the venue fills only
 * what is left, and so does the fold.
 */
/** The exchange no longer holds the order: it refused it, or it is cancelled (or expired). */
const orderGone = (r: ExecutionReport, rejected: boolean, filledQuantity: number): OrderEvent =>
  rejected
    ? event('ExchangeOrderRejected', r.ts, {
        clientOrderId: r.clientOrderId,
        reason: r.reason ?? 'rejected',
        ...(r.refusal === undefined ? {} : { refusal: r.refusal }),
      })
    : event('ExchangeOrderCancelled', r.ts, { clientOrderId: r.clientOrderId, filledQuantity });

const reduceOnly = (s: OrderState, lot: number): number => Math.min(lot, s.openQuantity);

/** The fee the report carries, on the fill event it causes (SEMANTICS §9.1). */
const feeOf = (r: ExecutionReport) => (r.fee === undefined ? {} : { fee: r.fee });

const nativeOrder = (s: OrderState, cid: string) =>
  s.nativeStop?.orders.find((o) => o.clientOrderId === cid);

/**
 * The native stop fired on the exchange (the engine lagged, or the price gapped through both
 * stops): its fill is the stop's exit, and the first one ends the take-profits as a managed
 * stop would.
 */
const nativeFill = (
  d: Decision,
  r: ExecutionReport,
  cumulative: number,
  price: number,
): Decision => {
  const s = d.state;
  const order = nativeOrder(s, r.clientOrderId);
  if (order === undefined) return d;
  const lot = reduceOnly(s, sub(Math.min(cumulative, order.quantity), order.filledQuantity));
  if (lot <= 0) return d;
  const kind = effectiveStop(s)?.kind ?? 'STOP_LOSS';
  const filled = emit(d, [
    event('NativeStopFilled', r.ts, {
      price,
      quantity: lot,
      clientOrderId: r.clientOrderId,
      ...feeOf(r),
    }),
  ]);
  return s.closing !== null
    ? filled
    : then(filled, (st) =>
        ocoOnStop(st, kind === 'TRAILING_STOP' ? 'TRAILING_STOP' : 'STOP_LOSS', r.ts),
      );
};

/**
 * A ladder level the venue no longer holds: recorded. A PENDING order whose levels are all gone
 * protects what filled as its whole entry, or ends cancelled when nothing did.
 */
const ladderLevelGone = (
  d: Decision,
  r: ExecutionReport,
  levelNo: number,
  rejected: boolean,
): Decision => {
  const level = d.state.entryLevels?.find((l) => l.level === levelNo);
  if (level === undefined || !level.working) return d;
  const gone = emit(d, [orderGone(r, rejected, level.filledQuantity)]);
  const s = gone.state;
  if (s.status !== 'PENDING' || s.closing !== null || s.entryWorking) return gone;
  // What did fill is a position: the level that filled in part completes it as it is.
  const part = s.entryLevels?.find((l) => l.filledQuantity > 0 && l.status !== 'FILLED');
  // Only a version 1 log has such a level while PENDING: its first part made the order ACTIVE
  // since version 2 (§9.4).
  if (part !== undefined) return completeVersionOneEntry(gone, r.ts, part);
  return emit(gone, [
    event('SmartOrderCancelled', r.ts, {
      flatten: false,
      reason: rejected ? 'ENTRY_REJECTED' : 'ENTRY_CANCELLED',
      ...settlement(s),
    }),
  ]);
};

/** A native stop the venue no longer holds: recorded, and its unfilled rest exited if it had fired. */
const nativeGone = (d: Decision, r: ExecutionReport, rejected: boolean): Decision => {
  const order = nativeOrder(d.state, r.clientOrderId);
  if (order === undefined) return d;
  const gone = emit(d, [orderGone(r, rejected, order.filledQuantity)]);
  return order.filledQuantity > 0
    ? then(gone, (st) => retryExit(st, 'REMAINDER', null, r.ts))
    : gone;
};

/** A part of one entry (SEMANTICS §9.4): its own `EntryFilled`, up to the entry's quantity. */
const entryFill = (
  d: Decision,
  r: ExecutionReport,
  cumulative: number,
  price: number,
): Decision => {
  const s = d.state;
  const lot = sub(Math.min(cumulative, s.spec.quantity), s.entryFilledQuantity);
  if (lot <= 0) return d;
  return entryPartFilled(d, r.ts, {
    price,
    quantity: lot,
    clientOrderId: r.clientOrderId,
    ...feeOf(r),
  });
};

const exitFill = (
  d: Decision,
  r: ExecutionReport,
  target: Target,
  cumulative: number,
  price: number,
): Decision => {
  const s = d.state;
  const cid = r.clientOrderId;
  if (target.kind === 'level') {
    const level = s.takeProfits.find((l) => l.level === target.level);
    if (level === undefined) return d;
    // The report's cumulative quantity is that of the level's current exit order (§9.4).
    const before = level.filledBeforeAttempt ?? 0;
    const lot = reduceOnly(
      s,
      sub(Math.min(cumulative, sub(level.quantity, before)), sub(level.filledQuantity, before)),
    );
    if (lot <= 0) return d;
    const filled = emit(d, [
      event('TpFilled', r.ts, {
        level: level.level,
        price,
        quantity: lot,
        clientOrderId: cid,
        ...feeOf(r),
      }),
    ]);
    const evened = then(filled, (st) => decideBreakEvenOnFill(s, st, r.ts));
    const laddered = then(evened, (st) => decideStopLadderOnFill(s, st, level.level, r.ts));
    // The first take-profit fill ends an entry ladder: what has not filled is cancelled (§8.4),
    // and so is the rest of one entry still working (§9.4).
    const ended = then(laddered, (st) => cancelEntries(st, 'TP_FILLED', r.ts));
    return then(ended, (st) => cancelEntryRest(st, r.ts));
  }
  if (target.kind === 'exit') {
    const exit = s.exits.find((x) => x.clientOrderId === cid);
    if (exit === undefined) return d;
    const lot = reduceOnly(s, sub(Math.min(cumulative, exit.quantity), exit.filledQuantity));
    if (lot <= 0) return d;
    const type = target.purpose === 'STOP' ? 'StopLossFilled' : 'FlattenFilled';
    return emit(d, [event(type, r.ts, { price, quantity: lot, clientOrderId: cid, ...feeOf(r) })]);
  }
  return d;
};

const knownFilled = (s: OrderState, target: Target, cid: string): number => {
  if (target.kind === 'entry' && target.level !== undefined)
    return s.entryLevels?.find((l) => l.level === target.level)?.filledQuantity ?? 0;
  if (target.kind === 'entry') return s.entryFilledQuantity;
  if (target.kind === 'level') {
    const level = s.takeProfits.find((l) => l.level === target.level);
    return level === undefined ? 0 : sub(level.filledQuantity, level.filledBeforeAttempt ?? 0);
  }
  if (target.kind === 'native') return nativeOrder(s, cid)?.filledQuantity ?? 0;
  return s.exits.find((x) => x.clientOrderId === cid)?.filledQuantity ?? 0;
};

/** A fill this report carries (its cumulative quantity beyond what is known), if any. */
const fillOf = (
  r: ExecutionReport,
  s: OrderState,
  target: Target,
): { cumulative: number; price: number } | null => {
  const price = r.lastPrice;
  if (price === undefined) return null;
  const cumulative =
    r.cumulativeQuantity ??
    (r.lastQuantity === undefined
      ? undefined
      : add(knownFilled(s, target, r.clientOrderId), r.lastQuantity));
  if (cumulative === undefined || cumulative <= knownFilled(s, target, r.clientOrderId))
    return null;
  return { cumulative, price };
};

const applyFill = (d: Decision, r: ExecutionReport, target: Target): Decision => {
  const fill = fillOf(r, d.state, target);
  if (fill === null) return d;
  if (target.kind === 'native') return nativeFill(d, r, fill.cumulative, fill.price);
  if (target.kind !== 'entry') return exitFill(d, r, target, fill.cumulative, fill.price);
  // An entry that fills while a cancel with flatten is under way grows the position to exit:
  // no tick will (a PENDING order takes none), so the exit is sent with the fill.
  const filled =
    target.level === undefined
      ? entryFill(d, r, fill.cumulative, fill.price)
      : ladderFill(d, r, target.level, fill.cumulative, fill.price);
  return then(filled, (st) => retryExit(st, 'REMAINDER', null, r.ts));
};

const entryGone = (
  d: Decision,
  r: ExecutionReport,
  target: Target,
  rejected: boolean,
): Decision => {
  const s = d.state;
  if (target.kind === 'entry' && target.level !== undefined)
    return ladderLevelGone(d, r, target.level, rejected);
  if (!s.entryWorking) return d;
  if (s.closing !== null || s.status !== 'PENDING') {
    // The cancel that the stop, a cancel or the first take-profit fill asked for has landed, or
    // the venue dropped the rest of an entry that had filled in part (the order is ACTIVE with
    // what filled, §9.4): recorded, and the order may end.
    return emit(d, [orderGone(r, rejected, s.entryFilledQuantity)]);
  }
  if (s.entryFilledQuantity > 0) return completeVersionOneEntry(d, r.ts);
  const answer = orderGone(r, rejected, 0);
  return emit(d, [
    answer,
    event('SmartOrderCancelled', r.ts, {
      flatten: false,
      reason: rejected ? 'ENTRY_REJECTED' : 'ENTRY_CANCELLED',
      ...settlement(s),
    }),
  ]);
};

const exitGone = (d: Decision, r: ExecutionReport, target: Target, rejected: boolean): Decision => {
  const s = d.state;
  const working =
    target.kind === 'level'
      ? s.takeProfits.some((l) => l.level === target.level && l.working)
      : s.exits.some((x) => x.clientOrderId === r.clientOrderId);
  if (!working) return d;
  const gone = emit(d, [orderGone(r, rejected, knownFilled(s, target, r.clientOrderId))]);
  // An exit refused for insufficient balance is held: it is not sent again (SEMANTICS §9.1).
  if (refusedForBalance(r)) return gone;
  // A refused stop exit is sent again on the next tick, not in a loop against a refusing
  // venue; quantity freed by a cancelled or refused TP joins the exit at once.
  const refusedStopExit = rejected && target.kind === 'exit';
  return refusedStopExit ? gone : then(gone, (st) => retryExit(st, 'REMAINDER', null, r.ts));
};

export const decideExecutionReport = (
  s: OrderState,
  r: ExecutionReport,
): Either<DomainError, Decision> => {
  const target = targetOf(s, r.clientOrderId);
  if (target === null) {
    return left(
      domainError(
        'UNKNOWN_CLIENT_ORDER_ID',
        s.spec.orderId,
        `clientOrderId: ${r.clientOrderId} is not an order that the engine placed for ${s.spec.orderId}`,
      ),
    );
  }
  let d = start(s);
  if (target.kind === 'stale') return right(d);
  switch (r.execType) {
    case 'NEW':
      return right(
        target.kind === 'native' ? emit(d, decideNativeStopAccepted(s, r.clientOrderId, r.ts)) : d,
      );
    case 'TRADE':
      if (
        r.lastPrice === undefined ||
        (r.cumulativeQuantity === undefined && r.lastQuantity === undefined)
      ) {
        return left(
          domainError(
            'VALIDATION_FAILED',
            s.spec.orderId,
            'a TRADE report needs lastPrice and cumulativeQuantity (or lastQuantity)',
          ),
        );
      }
      d = applyFill(d, r, target);
      break;
    case 'CANCELED':
    case 'EXPIRED':
    case 'REJECTED': {
      d = applyFill(d, r, target);
      const rejected = r.execType === 'REJECTED';
      d =
        target.kind === 'entry'
          ? entryGone(d, r, target, rejected)
          : target.kind === 'native'
            ? nativeGone(d, r, rejected)
            : exitGone(d, r, target, rejected);
      break;
    }
  }
  return right(then(d, (st) => decideCompletion(st, r.ts)));
};
