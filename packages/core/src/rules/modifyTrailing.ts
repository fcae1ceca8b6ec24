import { right, type Either } from 'fp-ts/Either';
import type { ModifyTrailing } from '../commands/liveCommands';
import type { DomainError } from '../domainError';
import { event, type OrderEvent } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { tighterStop } from '../side';
import { trailingStopFor } from './trailing';

/**
 * A new callback rate (SEMANTICS §4): the stop is recomputed from the recorded mark and may
 * only tighten. An order without a trailing stop gets one, armed on its next tick.
 */
export const decideModifyTrailing = (
  s: OrderState,
  cmd: ModifyTrailing,
): Either<DomainError, OrderEvent[]> => {
  const tr = s.trailing;
  if (tr !== null && tr.callbackRate === cmd.callbackRate) return right([]);
  const stopPrice =
    tr !== null && tr.armed && tr.mark !== null && tr.stopPrice !== null
      ? tighterStop(
          s.spec.side,
          tr.stopPrice,
          trailingStopFor(s.spec.side, tr.mark, cmd.callbackRate, s.spec.market.tickSize),
        )
      : null;
  return right([
    event('TrailingModified', cmd.ts, {
      from: tr?.callbackRate ?? null,
      to: cmd.callbackRate,
      stopPrice,
    }),
  ]);
};
