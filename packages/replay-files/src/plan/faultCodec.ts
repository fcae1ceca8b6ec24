import * as t from 'io-ts';
import { closed, PositiveNumber, Timestamp } from '@smart-orders/core';
import { PositiveInteger, True } from './planRules';

/**
 * The drills a paper exchange or the venue plays (CLI.md "Plan sections for drills"). A fault
 * is told by the one field that names it, so the JSON stays as the spec writes it.
 */
const variants = {
  rejectMarketOrders: closed('RejectMarketOrders', {
    from: Timestamp,
    to: Timestamp,
    rejectMarketOrders: True,
  }),
  dropExecutionReports: closed('DropExecutionReports', {
    at: Timestamp,
    dropExecutionReports: PositiveInteger,
  }),
  delayExecutionReportsMs: closed(
    'DelayExecutionReports',
    { at: Timestamp, delayExecutionReportsMs: PositiveNumber },
    { count: PositiveInteger },
  ),
  executeWithoutAnswer: closed('ExecuteWithoutAnswer', {
    at: Timestamp,
    executeWithoutAnswer: PositiveInteger,
  }),
  closeWebSocket: closed('CloseWebSocket', { at: Timestamp, closeWebSocket: True }),
  offMarketPrint: closed('OffMarketPrint', { at: Timestamp, offMarketPrint: PositiveNumber }),
};

export type RejectMarketOrders = t.TypeOf<typeof variants.rejectMarketOrders>;
export type DropExecutionReports = t.TypeOf<typeof variants.dropExecutionReports>;
/** Always with a `count` once decoded: a delay given without one delays one report, as the venue reads it. */
export type DelayExecutionReports = t.TypeOf<typeof variants.delayExecutionReportsMs> & {
  readonly count: number;
};
export type ExecuteWithoutAnswer = t.TypeOf<typeof variants.executeWithoutAnswer>;
export type CloseWebSocket = t.TypeOf<typeof variants.closeWebSocket>;
export type OffMarketPrint = t.TypeOf<typeof variants.offMarketPrint>;
export type Fault =
  | RejectMarketOrders
  | DropExecutionReports
  | DelayExecutionReports
  | ExecuteWithoutAnswer
  | CloseWebSocket
  | OffMarketPrint;

export const FAULT_KINDS = Object.keys(variants) as (keyof typeof variants)[];

export const FaultCodec = new t.Type<Fault, Fault, unknown>(
  'Fault',
  (u): u is Fault => Object.values(variants).some((v) => v.is(u)),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u))
      return t.failure(u, c, 'must be an object (Fault)');
    const named = FAULT_KINDS.filter((kind) => kind in u);
    const kind = named[0];
    if (kind === undefined || named.length > 1) {
      const got = named.length === 0 ? 'none' : named.join(', ');
      return t.failure(u, c, `must have exactly one of ${FAULT_KINDS.join(', ')}, got ${got}`);
    }
    const decoded = (variants[kind] as t.Mixed).validate(u, c);
    if (decoded._tag === 'Left') return decoded;
    if (kind === 'rejectMarketOrders') {
      const window = decoded.right as RejectMarketOrders;
      if (window.to <= window.from) {
        const at = t.appendContext(c, 'to', Timestamp, window.to);
        return t.failure(window.to, at, `must be after from ${window.from}, got ${window.to}`);
      }
    }
    if (kind === 'delayExecutionReportsMs') {
      const delay = decoded.right as Omit<DelayExecutionReports, 'count'> & { count?: number };
      return t.success({ ...delay, count: delay.count ?? 1 });
    }
    return t.success(decoded.right as Fault);
  },
  t.identity,
);
