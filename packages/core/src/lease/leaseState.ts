import type { LeaseEvent } from './leaseEvent';

/**
 * What the lease stream says: the last owner, its epoch and the end of its lease. `holder` is
 * null once released (or before anyone took it); the epoch stays, so the next taker's is higher.
 */
export interface LeaseState {
  readonly holder: string | null;
  readonly epoch: number;
  readonly until: number;
}

export const initialLeaseState: LeaseState = { holder: null, epoch: 0, until: 0 };

export const evolveLease = (state: LeaseState, event: LeaseEvent): LeaseState =>
  event.type === 'EngineLeaseReleased'
    ? { holder: null, epoch: event.data.epoch, until: event.data.until }
    : { holder: event.data.engineId, epoch: event.data.epoch, until: event.data.until };

export const foldLease = (events: readonly LeaseEvent[]): LeaseState =>
  events.reduce(evolveLease, initialLeaseState);

export type LeaseStatus = 'FREE' | 'EXPIRED' | 'HELD';

/** A lease is held up to `until` exclusive: at `until` it has expired and may be taken. */
export const leaseStatus = (state: LeaseState, now: number): LeaseStatus =>
  state.holder === null ? 'FREE' : now >= state.until ? 'EXPIRED' : 'HELD';
