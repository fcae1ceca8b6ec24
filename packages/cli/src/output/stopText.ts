import type { OrderView } from '@smart-orders/core';
import { numberText } from './numberText';

const KIND_WORDS = {
  STOP_LOSS: 'stop loss',
  BREAK_EVEN: 'break-even',
  TRAILING_STOP: 'trailing',
  LADDER: 'ladder',
  TIME_LIMIT: 'time limit',
} as const;

/** The binding stop as `98 (trailing)`; a dash when there is none or the order is over. */
export const stopText = (view: OrderView): string =>
  view.effectiveStop === null
    ? '—'
    : `${numberText(view.effectiveStop.price)} (${KIND_WORDS[view.effectiveStop.kind]})`;
