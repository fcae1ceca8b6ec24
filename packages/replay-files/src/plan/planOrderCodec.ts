import * as t from 'io-ts';
import { CreateSmartOrder } from '@smart-orders/core';
import { checkedAt, refusedFields } from './planFields';

/** A plan's order: the core's create command, taking effect at `at` (null: before the first tick). */
export interface PlannedOrder {
  readonly at: number | null;
  readonly command: CreateSmartOrder;
}

/** Fields of the core command that a plan does not write, and what to do instead. */
const NOT_IN_A_PLAN: Readonly<Record<string, string>> = {
  type: 'unknown field (every plan order is a CreateSmartOrder)',
  ts: 'unknown field (a plan order takes effect at "at")',
  referencePrice: 'unknown field (the engine sets it from the last price)',
  venueMarket:
    'unknown field (the engine reads it from the exchange; write the order\'s own in "market")',
  liquidationGuard:
    "unknown field (the engine sets it from the plan's futures.<symbol>.liquidationBufferPct)",
};

export const PlannedOrderCodec = new t.Type<PlannedOrder, PlannedOrder, unknown>(
  'PlannedOrder',
  (u): u is PlannedOrder =>
    typeof u === 'object' && u !== null && CreateSmartOrder.is((u as PlannedOrder).command),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u))
      return t.failure(u, c, 'must be an object (an order)');
    const { at: _at, ...fields } = u as Record<string, unknown>;
    const refused = refusedFields(fields, c, NOT_IN_A_PLAN);
    const at = checkedAt(u as Record<string, unknown>, c, false);
    const rest = Object.fromEntries(
      Object.entries(fields).filter(([key]) => !(key in NOT_IN_A_PLAN)),
    );
    const command = CreateSmartOrder.validate({ ...rest, type: 'CreateSmartOrder', ts: at.ts }, c);
    const errors = [...refused, ...at.errors, ...(command._tag === 'Left' ? command.left : [])];
    if (errors.length > 0 || command._tag === 'Left') return t.failures(errors);
    const given = (u as Record<string, unknown>).at;
    return t.success({
      at: given === undefined || given === null ? null : at.ts,
      command: command.right,
    });
  },
  t.identity,
);
