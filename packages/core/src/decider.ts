import type { Either } from 'fp-ts/Either';
import type { Command } from './commands/command';
import type { DomainError } from './domainError';
import type { OrderEvent } from './events/orderEvent';
import { decide } from './decide';
import { evolve } from './state/evolve';
import { initialState, type State } from './state/orderState';

export interface Decider<C, S, E, Err> {
  readonly decide: (command: C, state: S) => Either<Err, E[]>;
  readonly evolve: (state: S, event: E) => S;
  readonly initialState: S;
}

/** The smart-order decider: one instance per order stream. */
export const smartOrderDecider: Decider<Command, State, OrderEvent, DomainError> = {
  decide,
  evolve,
  initialState,
};
