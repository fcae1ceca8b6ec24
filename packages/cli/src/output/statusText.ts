import type { OrderView } from '@smart-orders/core';
import { numberText } from './numberText';

/**
 * An order's status as a column shows it: with what of the entry has filled while the rest may
 * still fill (an order is ACTIVE from its entry's first part, SEMANTICS §9.4): `ACTIVE (entry
 * 0.4/1)`.
 */
export const statusText = (v: OrderView): string =>
  v.entryWorking && v.entryFilledQuantity > 0 && v.entryFilledQuantity < v.quantity
    ? `${v.status} (entry ${numberText(v.entryFilledQuantity)}/${numberText(v.quantity)})`
    : v.status;
