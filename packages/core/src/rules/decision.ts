import { decideInSteps, type Decision as InSteps } from '../decideInSteps';
import type { OrderEvent } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { evolve } from '../state/evolve';

/** A decision on an order that exists, taken in steps (`decideInSteps`). */
export type Decision = InSteps<OrderState, OrderEvent>;

export const { start, emit, then } = decideInSteps<OrderState, OrderEvent>(
  (s, e) => evolve(s, e) as OrderState,
);
