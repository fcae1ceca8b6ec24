/**
 * The events of a partition's lease stream (`lease-<key>`): who owns the partition, under
 * which epoch, until when. Every event carries the epoch, so a store can fence a batch by
 * reading the stream's last event alone.
 */
export interface LeaseEventData {
  readonly engineId: string;
  /** 1 for the first owner, one more at every take-over; renewals keep it. */
  readonly epoch: number;
  /** Epoch ms at which the lease lapses unless renewed; released leases carry the release time. */
  readonly until: number;
}

export type LeaseEventType = 'EngineLeaseTaken' | 'EngineLeaseRenewed' | 'EngineLeaseReleased';

export interface LeaseEvent {
  readonly type: LeaseEventType;
  /** Epoch ms of the command: the engine's clock reading, entered as data. */
  readonly ts: number;
  readonly data: LeaseEventData;
}

export const leaseStreamName = (key: string): string => `lease-${key}`;

export const isLeaseEvent = (e: {
  readonly type: string;
  readonly data: unknown;
}): e is LeaseEvent =>
  (e.type === 'EngineLeaseTaken' ||
    e.type === 'EngineLeaseRenewed' ||
    e.type === 'EngineLeaseReleased') &&
  typeof e.data === 'object' &&
  e.data !== null &&
  typeof (e.data as LeaseEventData).engineId === 'string' &&
  typeof (e.data as LeaseEventData).epoch === 'number' &&
  typeof (e.data as LeaseEventData).until === 'number';
