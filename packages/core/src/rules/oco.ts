import { event, type OcoReason, type OrderEvent } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { hasProtectiveStop } from './exposure';
import { cancelEntries } from './entryLadder';

/**
 * The one entry order still working and not yet asked to go (the first take-profit fill asks
 * for the rest of a part-filled entry, §9.4); an entry ladder's levels go by `EntriesCancelled`.
 */
const workingEntry = (s: OrderState): string[] =>
  s.entryWorking && s.entryLevels === null && s.entryCancelAsked !== true
    ? [s.spec.entryClientOrderId]
    : [];

/**
 * OCO (SEMANTICS §5): when one exit path wins, the others are cancelled. The event lists the
 * TP levels and the exchange orders (by client order id) to cancel, so the engine's effect is
 * read from the event alone.
 */
const unfilledLevels = (s: OrderState): number[] =>
  s.takeProfits
    .filter((l) => l.status !== 'FILLED' && l.status !== 'CANCELLED')
    .map((l) => l.level);

const workingTpOrders = (s: OrderState): string[] =>
  s.takeProfits.flatMap((l) => (l.working && l.clientOrderId !== null ? [l.clientOrderId] : []));

/**
 * The stop (fixed, break-even or trailing) fired: every level not filled is cancelled, and an
 * entry still working (the stop protected its filled lots) so that it adds nothing more.
 */
export const ocoOnStop = (
  s: OrderState,
  reason: Extract<OcoReason, 'STOP_LOSS' | 'TRAILING_STOP' | 'TIME_LIMIT'>,
  ts: number,
): OrderEvent[] => [
  event('OcoCancelled', ts, {
    reason,
    levels: unfilledLevels(s),
    stopLoss: false,
    entry: workingEntry(s).length > 0,
    clientOrderIds: [...workingEntry(s), ...workingTpOrders(s)],
  }),
  ...cancelEntries(s, reason, ts),
];

/** Every level filled: the stop loss and trailing stop, if any, are cancelled. */
export const ocoOnAllFilled = (s: OrderState, ts: number): OrderEvent[] =>
  hasProtectiveStop(s)
    ? [
        event('OcoCancelled', ts, {
          reason: 'ALL_TP_FILLED',
          levels: [],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
      ]
    : [];

/** A manual cancel (or an entry timeout): every level not filled, the stop, and a working entry. */
export const ocoOnCancel = (
  s: OrderState,
  ts: number,
  reason: Extract<OcoReason, 'MANUAL_CANCEL' | 'ENTRY_TIMEOUT'> = 'MANUAL_CANCEL',
): OrderEvent[] => [
  event('OcoCancelled', ts, {
    reason,
    levels: unfilledLevels(s),
    stopLoss: hasProtectiveStop(s),
    entry: workingEntry(s).length > 0,
    clientOrderIds: [...workingEntry(s), ...workingTpOrders(s)],
  }),
  ...cancelEntries(s, reason, ts),
];
