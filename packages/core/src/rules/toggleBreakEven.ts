import { right, type Either } from 'fp-ts/Either';
import type { ToggleBreakEven } from '../commands/liveCommands';
import type { DomainError } from '../domainError';
import { event } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { decideBreakEven } from './breakEven';
import { emit, start, then, type Decision } from './decision';

/** Break-even on or off; switched on after a TP fill, the stop moves at once (SEMANTICS §3.5). */
export const decideToggleBreakEven = (
  s: OrderState,
  cmd: ToggleBreakEven,
): Either<DomainError, Decision> => {
  if (s.breakEven === cmd.enabled) return right(start(s));
  const toggled = emit(start(s), [event('BreakEvenToggled', cmd.ts, { enabled: cmd.enabled })]);
  return right(then(toggled, (st) => decideBreakEven(st, cmd.ts)));
};
