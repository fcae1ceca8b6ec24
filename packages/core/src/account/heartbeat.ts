import { accountEvent, type AccountEvent } from './accountEvent';
import type { RecordHeartbeat } from './accountCommand';
import type { AccountState } from './accountState';

/**
 * The engine's sign of life, written to its store on a period of its choosing. One that is
 * not newer than the last recorded changes nothing, so a repeated or late heartbeat never
 * moves the record back.
 */
export const decideHeartbeat = (state: AccountState, cmd: RecordHeartbeat): AccountEvent[] =>
  state.lastHeartbeatTs !== null && cmd.ts <= state.lastHeartbeatTs
    ? []
    : [accountEvent('HeartbeatRecorded', cmd.ts, {})];

/**
 * The watchdog's test: heartbeats are stale when the last is older than `maxSilenceMs` at
 * `nowTs` (exactly `maxSilenceMs` old is still fresh), or when there has never been one: an
 * engine that never wrote a heartbeat is not known to be alive.
 */
export const heartbeatStale = (
  lastHeartbeatTs: number | null,
  nowTs: number,
  maxSilenceMs: number,
): boolean => lastHeartbeatTs === null || nowTs - lastHeartbeatTs > maxSilenceMs;
