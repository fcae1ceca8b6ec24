import { isMultipleOf, sub, sum } from '../decimal';
import { clientOrderId, PURPOSE } from '../clientOrderId';
import type { Entry, CreateSmartOrder, MarketSpec } from '../commands/createSmartOrder';
import type { ExecutionReport } from '../commands/executionReport';
import { issue, type ValidationIssue } from '../codecs/issues';
import { event, type EventData, type OcoReason, type OrderEvent } from '../events/orderEvent';
import type { EntryLevel, OrderState } from '../state/orderState';
import { better, sideWord } from '../side';
import type { Decision } from './decision';
import { entryPartFilled } from './partialEntry';
import { takeProfitQuantities } from './takeProfits';

/**
 * The entry ladder (SEMANTICS §8.4): `entries` instead of `entry`, at most one MARKET level
 * (first), then limits further and further from the market; each level is an order of its own
 * on the venue, `floor_to_step(quantity × sizePct / 100)` (the last takes the remainder), and
 * fills on its own. The order is PENDING until a level fills; exits follow the average entry;
 * levels not filled are cancelled at the first take-profit fill, when the stop fires, and on
 * cancel.
 */

/** A create command with its one entry: a ladder's first level stands for it. */
export type WithEntry = CreateSmartOrder & { readonly entry: Entry };

export const withLadderEntry = (cmd: CreateSmartOrder): WithEntry => {
  if (cmd.entry !== undefined) return cmd as WithEntry;
  const first = cmd.entries?.[0];
  const entry: Entry =
    first?.price === undefined ? { type: 'MARKET' } : { type: 'LIMIT', price: first.price };
  return { ...cmd, entry };
};

/** Each level's order, as recorded in `SmartOrderCreated`. */
export const ladderOrders = (cmd: CreateSmartOrder, stepSize: number) => {
  const levels = cmd.entries ?? [];
  const quantities = takeProfitQuantities(
    cmd.quantity,
    levels.map((l) => l.sizePct),
    stepSize,
  );
  return levels.map((l, i) => ({
    ...(l.price === undefined ? { type: 'MARKET' as const } : { price: l.price }),
    sizePct: l.sizePct,
    quantity: quantities[i] ?? 0,
    clientOrderId: clientOrderId(cmd.orderId, PURPOSE.entry, i + 1, 1),
  }));
};

/** Every rule of §8.4 on the ladder, each naming its level and what is allowed. */
export const ladderIssues = (
  cmd: CreateSmartOrder,
  market: Pick<Required<MarketSpec>, 'tickSize' | 'stepSize' | 'minQty'>,
  reference: number | null,
): ValidationIssue[] => {
  const levels = cmd.entries;
  if (levels === undefined) return [];
  const issues: ValidationIssue[] = [];
  const total = sum(levels.map((l) => l.sizePct));
  if (Math.abs(total - 100) > 1e-9)
    issues.push(issue('entries', `sizePct must sum to 100, got ${total}`));
  const quantities = ladderOrders(cmd, market.stepSize).map((o) => o.quantity);
  const below = cmd.side === 'BUY' ? 'below' : 'above';
  let previous: number | null = null;
  levels.forEach((l, i) => {
    const path = `entries[${i}]`;
    if (l.price === undefined) {
      if (i > 0)
        issues.push(issue(`${path}.type`, 'a MARKET level must be the first, and only one'));
    } else {
      if (!isMultipleOf(l.price, market.tickSize))
        issues.push(
          issue(
            `${path}.price`,
            `must be a multiple of the tick size ${market.tickSize}, got ${l.price}`,
          ),
        );
      if (previous !== null && !better(cmd.side, previous, l.price))
        issues.push(
          issue(
            `${path}.price`,
            `must be ${below} the previous level ${previous} for ${sideWord(cmd.side)} (limit levels strictly ${cmd.side === 'BUY' ? 'descending' : 'ascending'}), got ${l.price}`,
          ),
        );
      // The first limit of a ladder without a MARKET level is the entry reference itself.
      const isReference = i === 0 && cmd.referencePrice === undefined;
      if (reference !== null && !isReference && !better(cmd.side, reference, l.price))
        issues.push(
          issue(
            `${path}.price`,
            `must be ${below} the entry reference price ${reference} for ${sideWord(cmd.side)}, got ${l.price}`,
          ),
        );
      previous = l.price;
    }
    const quantity = quantities[i] ?? 0;
    if (quantity <= 0 || quantity < market.minQty)
      issues.push(
        issue(
          `${path}.sizePct`,
          `${l.sizePct} % of ${cmd.quantity} is ${quantity}, below one step ${market.stepSize} or the minimum quantity ${market.minQty}: merge it into another level`,
        ),
      );
  });
  return issues;
};

const ENTRIES_REASON: Partial<Record<OcoReason, EventData<'EntriesCancelled'>['reason']>> = {
  STOP_LOSS: 'STOP_LOSS',
  TRAILING_STOP: 'TRAILING_STOP',
  TIME_LIMIT: 'TIME_LIMIT',
  MANUAL_CANCEL: 'MANUAL_CANCEL',
  ENTRY_TIMEOUT: 'ENTRY_TIMEOUT',
};

/** Ladder levels the venue may still fill and whose cancel was not asked for yet. */
const open = (s: OrderState): readonly EntryLevel[] =>
  (s.entryLevels ?? []).filter((l) => l.working && l.status === 'WORKING');

/** Every level not filled is cancelled, for the reason the order's exit path gives. */
export const cancelEntries = (
  s: OrderState,
  reason: EventData<'EntriesCancelled'>['reason'] | OcoReason,
  ts: number,
): OrderEvent[] => {
  const levels = open(s);
  const why = reason === 'TP_FILLED' ? 'TP_FILLED' : ENTRIES_REASON[reason as OcoReason];
  if (levels.length === 0 || why === undefined) return [];
  return [
    event('EntriesCancelled', ts, {
      levels: levels.map((l) => l.level),
      reason: why,
      clientOrderIds: levels.map((l) => l.clientOrderId),
    }),
  ];
};

const feeOf = (r: ExecutionReport) => (r.fee === undefined ? {} : { fee: r.fee });

/**
 * A fill of one ladder level: each part is its own `EntryFilled` of the level (SEMANTICS §9.4),
 * with the average of everything filled so far, the take-profit quantities split again on the
 * total (until a take-profit has filled: then they are fixed) and offsets resolved again on the
 * average. A lot a cancel raced is counted all the same: the log never loses a fill.
 */
export const ladderFill = (
  d: Decision,
  r: ExecutionReport,
  levelNo: number,
  cumulative: number,
  price: number,
): Decision => {
  const level = d.state.entryLevels?.find((l) => l.level === levelNo);
  if (level === undefined) return d;
  const lot = sub(Math.min(cumulative, level.quantity), level.filledQuantity);
  if (lot <= 0) return d;
  return entryPartFilled(d, r.ts, {
    price,
    quantity: lot,
    clientOrderId: r.clientOrderId,
    level: levelNo,
    ...feeOf(r),
  });
};
