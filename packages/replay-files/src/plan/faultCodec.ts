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
  delayExecutionReportsMs: closed('DelayExecutionReports', {
    at: Timestamp,
    delayExecutionReportsMs: PositiveInteger,
    count: PositiveInteger,
  }),
  executeWithoutAnswer: closed('ExecuteWithoutAnswer', {
    at: Timestamp,
    executeWithoutAnswer: PositiveInteger,
  }),
  closeWebSocket: closed('CloseWebSocket', { at: Timestamp, closeWebSocket: True }),
  offMarketPrint: closed('OffMarketPrint', { at: Timestamp, offMarketPrint: PositiveNumber }),
};

export type RejectMarketOrders = t.TypeOf<typeof variants.rejectMarketOrders>;
export type DropExecutionReports = t.TypeOf<typeof variants.dropExecutionReports>;
export type DelayExecutionReports = t.TypeOf<typeof variants.delayExecutionReportsMs>;
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
    const decoded = (variants[kind] as t.Type<Fault, Fault, unknown>).validate(u, c);
    if (
      decoded._tag === 'Right' &&
      'from' in decoded.right &&
      decoded.right.to < decoded.right.from
    ) {
      return t.failure(
        u,
        t.appendContext(c, 'to', Timestamp, decoded.right.to),
        `must not be before from ${decoded.right.from}, got ${decoded.right.to}`,
      );
    }
    return decoded;
  },
  t.identity,
);
