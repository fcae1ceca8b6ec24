import { right, type Either } from 'fp-ts/Either';
import { clientOrderId, PURPOSE } from '../clientOrderId';
import type { Cancel } from '../commands/liveCommands';
import type { DomainError } from '../domainError';
import { event } from '../events/orderEvent';
import { settlement } from '../fees/settlement';
import type { OrderState } from '../state/orderState';
import { decideCompletion } from './completion';
import { emit, start, then, type Decision } from './decision';
import { uncoveredQuantity } from './exposure';
import { cancelNativeStops } from './nativeStop';
import { ocoOnCancel } from './oco';
import { retryExit } from './stopLoss';

/**
 * Cancel (SEMANTICS §4): every working TP/SL order and a working entry are cancelled. With
 * `flatten`, the open quantity is exited at market and the order ends CANCELLED once that
 * exit has filled; without, it ends CANCELLED at once and any position is the user's. A
 * PENDING order whose entry is working ends only once the exchange confirms the entry gone.
 */
export const decideCancel = (s: OrderState, cmd: Cancel): Either<DomainError, Decision> =>
  right(
    cancelOrder(s, {
      flatten: cmd.flatten === true,
      ts: cmd.ts,
      lastPrice: cmd.lastPrice ?? null,
      reason: 'MANUAL',
      leaveToAccount: cmd.leaveToAccount === true,
    }),
  );

/**
 * The entry is still being bought: a PENDING order's, or one entry that has filled in part
 * (ACTIVE since SEMANTICS §9.4 v2, PENDING in version 1) while no take-profit has filled. Its
 * cancel races the fills as a PENDING order's does. An entry ladder past its first fill ends at
 * once, as before (its levels' late fills are reports for a finished order, docs/domain.md).
 */
const entryStillFilling = (s: OrderState): boolean =>
  s.entryWorking && (s.status === 'PENDING' || (s.entryLevels === null && !s.anyTpFilled));

/** A cancel as the user asks it, or as the entry timeout does (SEMANTICS §8.6), with its reason. */
export const cancelOrder = (
  s: OrderState,
  cmd: {
    readonly flatten: boolean;
    readonly ts: number;
    readonly lastPrice: number | null;
    readonly reason: 'MANUAL' | 'ENTRY_TIMEOUT';
    readonly leaveToAccount?: boolean;
  },
): Decision => {
  const { flatten, reason } = cmd;
  const oco = emit(
    start(s),
    ocoOnCancel(s, cmd.ts, reason === 'MANUAL' ? 'MANUAL_CANCEL' : 'ENTRY_TIMEOUT'),
  );
  if (entryStillFilling(s)) {
    // The entry may fill until the exchange confirms it cancelled (§4, the PENDING cancel
    // race): the order ends only then, and what filled, before or meanwhile, is exited at
    // market whether or not flatten was asked, so no fill is left without a manager; unless
    // the account's flatten is that manager (a kill switch): two exits would sell it twice.
    const requested = emit(oco, [
      event('CancelRequested', cmd.ts, {
        flatten,
        ...(reason === 'MANUAL' ? {} : { reason }),
        ...(cmd.leaveToAccount === true ? { leftToAccount: true as const } : {}),
      }),
    ]);
    const exit = then(requested, (st) => retryExit(st, 'REMAINDER', cmd.lastPrice, cmd.ts));
    return then(exit, (st) => decideCompletion(st, cmd.ts));
  }
  if (!flatten || oco.state.openQuantity <= 0) {
    return emit(oco, [
      ...cancelNativeStops(oco.state, 'ORDER_ENDED', cmd.ts),
      event('SmartOrderCancelled', cmd.ts, { flatten, reason, ...settlement(oco.state) }),
    ]);
  }
  const quantity = uncoveredQuantity(oco.state);
  const exit = emit(oco, [
    event('FlattenTriggered', cmd.ts, {
      quantity,
      price: cmd.lastPrice,
      clientOrderId: clientOrderId(s.spec.orderId, PURPOSE.flatten, 0, 1),
    }),
  ]);
  return then(exit, (st) => decideCompletion(st, cmd.ts));
};
