import * as t from 'io-ts';
import {
  Cancel,
  ModifyStopLoss,
  ModifyTrailing,
  tagged,
  ToggleBreakEven,
  type OrderCommand,
} from '@smart-orders/core';
import { checkedAt, refusedFields } from './planFields';

/** A plan's command on one order, taking effect at `at` (which is also its `ts`). */
export interface PlannedCommand {
  readonly at: number;
  readonly command: OrderCommand;
}

const OrderCommandCodec = tagged('PlanCommand', {
  ModifyStopLoss,
  ModifyTrailing,
  ToggleBreakEven,
  Cancel,
} as Record<string, t.Mixed>);

const NOT_IN_A_PLAN: Readonly<Record<string, string>> = {
  ts: 'unknown field (a plan command takes effect at "at")',
  lastPrice: 'unknown field (the engine sets it from the last price)',
};

export const PlannedCommandCodec = new t.Type<PlannedCommand, PlannedCommand, unknown>(
  'PlannedCommand',
  (u): u is PlannedCommand =>
    typeof u === 'object' && u !== null && OrderCommandCodec.is((u as PlannedCommand).command),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u))
      return t.failure(u, c, 'must be an object (a command)');
    const { at: _at, ...fields } = u as Record<string, unknown>;
    const refused = refusedFields(fields, c, NOT_IN_A_PLAN);
    const at = checkedAt(u as Record<string, unknown>, c, true);
    const rest = Object.fromEntries(
      Object.entries(fields).filter(([key]) => !(key in NOT_IN_A_PLAN)),
    );
    const command = OrderCommandCodec.validate({ ...rest, ts: at.ts }, c);
    const errors = [...refused, ...at.errors, ...(command._tag === 'Left' ? command.left : [])];
    if (errors.length > 0 || command._tag === 'Left') return t.failures(errors);
    return t.success({ at: at.ts, command: command.right as OrderCommand });
  },
  t.identity,
);
