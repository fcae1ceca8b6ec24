import Big from 'big.js';
import { add, floorToStep, sub, sum, weightedAverage } from '../decimal';
import { event, type OrderEvent } from '../events/orderEvent';
import type { ReportedFee } from '../fees/reportedFee';
import { netAfterLot } from '../state/evolveFees';
import type { EntryLevel, OrderState } from '../state/orderState';
import { emit, then, type Decision } from './decision';
import { mergedQuantities, mergedSizePcts, resolveOffsets, type LevelMerge } from './offsetLevels';
import { armAtEntry } from './trailing';

/**
 * An entry that fills in parts (SEMANTICS §9.4): each part is its own `EntryFilled`, with its
 * own price, quantity and fee. The first part makes the order ACTIVE and arms what acts on a
 * fill (a trailing stop without activation arms at that part's price); exits are armed on what
 * has filled so far, and every part until the first take-profit fill splits the take-profits
 * again on the whole net entry (§9.1: floored to the step, the last level the remainder).
 * `averagePrice` and `filledQuantity` say the whole entry's so far; they are left out of a
 * first part, whose own price and quantity are the whole entry's.
 */

/** One part of the entry, as the exchange reported it. */
export interface EntryPart {
  readonly price: number;
  readonly quantity: number;
  readonly clientOrderId: string;
  readonly fee?: ReportedFee;
  /** The entry ladder's level it belongs to (§8.4); absent for one entry. */
  readonly level?: number;
}

/**
 * Take-profit quantities on a net entry of `net`. Before the first take-profit fill each part
 * splits them again; from that fill on they are fixed. A level whose exit order is already
 * working keeps the quantity it was sent with (an order in flight cannot be resized, and the
 * stop's exit must know exactly what the working exits cover, §5): what the entry added goes to
 * the levels not yet sent, in proportion to their sizes, the last of them taking the remainder.
 * With every level sent, the growth is left to the stop and, once every take-profit has
 * filled, exited at market (`completion.ts`), as a late lot of a ladder is.
 */
export const takeProfitsOnEntry = (
  s: OrderState,
  net: number,
  merged: readonly LevelMerge[],
): number[] => {
  if (s.anyTpFilled) return s.takeProfits.map((l) => l.quantity);
  const step = s.spec.market.stepSize;
  const total = floorToStep(net, step);
  const pcts = s.takeProfits.map((l) => l.sizePct);
  if (!s.takeProfits.some((l) => l.working)) return mergedQuantities(total, pcts, merged, step);
  const kept = sum(s.takeProfits.filter((l) => l.working).map((l) => l.quantity));
  const rest = sub(total, kept);
  const effective = mergedSizePcts(pcts, merged);
  const open = s.takeProfits.flatMap((l, i) => (!l.working && (effective[i] ?? 0) > 0 ? [i] : []));
  const weight = sum(open.map((i) => effective[i] ?? 0));
  const quantities = s.takeProfits.map((l) => (l.working ? l.quantity : 0));
  open.forEach((i, n) => {
    quantities[i] =
      n === open.length - 1
        ? sub(rest, sum(open.slice(0, -1).map((j) => quantities[j] ?? 0)))
        : floorToStep(
            new Big(rest)
              .times(effective[i] ?? 0)
              .div(weight)
              .toNumber(),
            step,
          );
  });
  return quantities;
};

/** The `EntryFilled` of one part, and what the first part arms. */
export const entryPartFilled = (d: Decision, ts: number, part: EntryPart): Decision => {
  const s = d.state;
  const filledQuantity = add(s.entryFilledQuantity, part.quantity);
  const averagePrice = weightedAverage([
    { price: s.entryPrice ?? part.price, quantity: s.entryFilledQuantity },
    { price: part.price, quantity: part.quantity },
  ]);
  const net = netAfterLot(s, part.quantity, part.fee);
  // Offset levels follow the average entry until a take-profit fills (§8.1).
  const resolved = resolveOffsets(s, averagePrice);
  const first = s.entryFilledQuantity === 0 && part.level === undefined;
  const filled = emit(d, [
    event('EntryFilled', ts, {
      price: part.price,
      quantity: part.quantity,
      takeProfitQuantities: takeProfitsOnEntry(s, net, resolved.merged ?? []),
      clientOrderId: part.clientOrderId,
      ...(part.level === undefined ? {} : { level: part.level }),
      ...(first ? {} : { averagePrice, filledQuantity }),
      ...(part.fee === undefined ? {} : { fee: part.fee }),
      ...(part.fee !== undefined || net !== filledQuantity ? { netQuantity: net } : {}),
      ...resolved,
    }),
  ]);
  return s.status === 'PENDING' ? then(filled, (st) => armAtEntry(st, averagePrice, ts)) : filled;
};

/**
 * One entry's rest still working when the first take-profit fills is cancelled, as a ladder's
 * levels are (§8.4): the position is being taken out, and more of it bought while it is would
 * not be covered by the take-profits, whose quantities are fixed from then on.
 */
export const cancelEntryRest = (s: OrderState, ts: number): OrderEvent[] =>
  s.entryLevels === null && s.entryWorking && s.entryCancelAsked !== true && s.closing === null
    ? [
        event('EntriesCancelled', ts, {
          levels: [],
          reason: 'TP_FILLED',
          clientOrderIds: [s.spec.entryClientOrderId],
        }),
      ]
    : [];

/**
 * A version 1 log's PENDING order whose entry (or a ladder's level) had filled in parts
 * (`EntryPartiallyFilled`) when the venue dropped the rest: what did fill becomes the whole
 * entry as version 1 decided it, one `EntryFilled` with the totals that adds nothing, and the
 * order ACTIVE. Since version 2 the first part makes the order ACTIVE, so only such logs get here.
 */
export const completeVersionOneEntry = (d: Decision, ts: number, level?: EntryLevel): Decision => {
  const s = d.state;
  const averagePrice = s.entryPrice ?? 0;
  const net = s.entryNetQuantity;
  const resolved = resolveOffsets(s, averagePrice);
  const filled = emit(d, [
    event('EntryFilled', ts, {
      price: level === undefined ? averagePrice : (level.averagePrice ?? 0),
      quantity: level === undefined ? s.entryFilledQuantity : level.filledQuantity,
      takeProfitQuantities: mergedQuantities(
        floorToStep(net, s.spec.market.stepSize),
        s.takeProfits.map((l) => l.sizePct),
        resolved.merged ?? [],
        s.spec.market.stepSize,
      ),
      clientOrderId: level === undefined ? s.spec.entryClientOrderId : level.clientOrderId,
      ...(level === undefined
        ? {}
        : { level: level.level, averagePrice, filledQuantity: s.entryFilledQuantity }),
      ...(net !== s.entryFilledQuantity ? { netQuantity: net } : {}),
      ...resolved,
    }),
  ]);
  return then(filled, (st) => armAtEntry(st, averagePrice, ts));
};
