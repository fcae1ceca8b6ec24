import type { OrderEvent } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { evolve } from '../state/evolve';

/**
 * Events decided so far in one decision, and the state they lead to, so that a rule later in
 * the same decision (break-even after a fill, OCO after the last fill) sees what came before.
 */
export interface Decision {
  readonly events: readonly OrderEvent[];
  readonly state: OrderState;
}

export const start = (state: OrderState): Decision => ({ events: [], state });

export const emit = (d: Decision, events: readonly OrderEvent[]): Decision =>
  events.length === 0
    ? d
    : {
        events: [...d.events, ...events],
        state: events.reduce((s, e) => evolve(s, e) as OrderState, d.state),
      };

export const then = (d: Decision, rule: (s: OrderState) => readonly OrderEvent[]): Decision =>
  emit(d, rule(d.state));
