import { left, right, type Either } from 'fp-ts/Either';
import type { LeaseEvent } from './leaseEvent';
import { leaseStatus, type LeaseState } from './leaseState';

/** Time enters as `now` (epoch ms): the decider reads no clock. */
export type LeaseCommand =
  | {
      readonly type: 'TakeLease';
      readonly engineId: string;
      readonly now: number;
      readonly durationMs: number;
    }
  | {
      readonly type: 'RenewLease';
      readonly engineId: string;
      readonly epoch: number;
      readonly now: number;
      readonly durationMs: number;
    }
  | {
      readonly type: 'ReleaseLease';
      readonly engineId: string;
      readonly epoch: number;
      readonly now: number;
    };

export type LeaseErrorCode = 'LEASE_HELD' | 'LEASE_LOST' | 'INVALID_LEASE_DURATION';

/**
 * Why a lease command does not apply. `holder`, `epoch` and `until` say where the lease
 * stands, so a standby knows how long to wait and an owner that lost it knows to whom.
 */
export interface LeaseError {
  readonly code: LeaseErrorCode;
  readonly message: string;
  readonly holder: string | null;
  readonly epoch: number;
  readonly until: number;
}

const leaseError = (code: LeaseErrorCode, state: LeaseState, message: string): LeaseError => ({
  code,
  message,
  holder: state.holder,
  epoch: state.epoch,
  until: state.until,
});

const validDuration = (durationMs: number): boolean =>
  Number.isSafeInteger(durationMs) && durationMs > 0;

/**
 * The lease rules of a partition:
 * - **take**: a free or expired lease is taken at once with the next epoch, until
 *   `now + durationMs`; a lease held by another engine is refused (`LEASE_HELD`, with its
 *   holder and end). The same engine taking its own unexpired lease again (a restart under the
 *   same id) gets a new epoch too, which fences whatever its previous incarnation still had in
 *   flight.
 * - **renew**: only the holder, at its epoch, before the lease expired. An expired lease is
 *   lost even when nobody took it yet: a standby may be taking it at this very moment, and an
 *   owner that could not renew in time must assume it did (`LEASE_LOST`).
 * - **release**: the holder at its epoch gives the lease up at once; anything else is a no-op,
 *   so releasing twice or after losing the lease is harmless.
 */
export const decideLease = (
  command: LeaseCommand,
  state: LeaseState,
): Either<LeaseError, LeaseEvent[]> => {
  switch (command.type) {
    case 'TakeLease': {
      if (!validDuration(command.durationMs))
        return left(
          leaseError(
            'INVALID_LEASE_DURATION',
            state,
            `durationMs ${command.durationMs}: a lease lasts a whole number of milliseconds above 0`,
          ),
        );
      const status = leaseStatus(state, command.now);
      if (status === 'HELD' && state.holder !== command.engineId)
        return left(
          leaseError(
            'LEASE_HELD',
            state,
            `held by ${state.holder} (epoch ${state.epoch}) until ${state.until} (epoch ms): it can be taken once it expires or is released`,
          ),
        );
      return right([
        {
          type: 'EngineLeaseTaken',
          ts: command.now,
          data: {
            engineId: command.engineId,
            epoch: state.epoch + 1,
            until: command.now + command.durationMs,
          },
        },
      ]);
    }
    case 'RenewLease': {
      if (!validDuration(command.durationMs))
        return left(
          leaseError(
            'INVALID_LEASE_DURATION',
            state,
            `durationMs ${command.durationMs}: a lease lasts a whole number of milliseconds above 0`,
          ),
        );
      if (state.holder !== command.engineId || state.epoch !== command.epoch)
        return left(
          leaseError(
            'LEASE_LOST',
            state,
            `${command.engineId} (epoch ${command.epoch}) no longer holds the lease: ${state.holder === null ? 'it was released' : `${state.holder} holds it at epoch ${state.epoch}`}`,
          ),
        );
      if (leaseStatus(state, command.now) !== 'HELD')
        return left(
          leaseError(
            'LEASE_LOST',
            state,
            `${command.engineId} (epoch ${command.epoch}) renewed too late: the lease expired at ${state.until} (epoch ms) and may have been taken`,
          ),
        );
      return right([
        {
          type: 'EngineLeaseRenewed',
          ts: command.now,
          data: {
            engineId: command.engineId,
            epoch: command.epoch,
            until: Math.max(state.until, command.now + command.durationMs),
          },
        },
      ]);
    }
    case 'ReleaseLease':
      return right(
        state.holder === command.engineId && state.epoch === command.epoch
          ? [
              {
                type: 'EngineLeaseReleased',
                ts: command.now,
                data: { engineId: command.engineId, epoch: command.epoch, until: command.now },
              },
            ]
          : [],
      );
  }
};
