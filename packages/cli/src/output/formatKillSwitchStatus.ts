import type { AccountState } from '@smart-orders/core';
import { alignColumns } from './alignColumns';

/** What `kill-switch status --format json` prints. */
export interface KillSwitchStatus {
  readonly accountId: string;
  /** The account stream's version: how many events were folded. */
  readonly version: number;
  readonly tradingState: string;
  /** The state an operator chose, which the account returns to once nothing halts it. */
  readonly mode: string;
  readonly trip: {
    readonly reason: string;
    readonly detail: string;
    readonly trippedAt: number;
  } | null;
  readonly flatten: {
    readonly seq: number;
    readonly requestedAt: number;
    readonly timedOut: boolean;
  } | null;
  readonly lastHeartbeatTs: number | null;
  /** `now` minus the last heartbeat; null when the engine never wrote one (not live). */
  readonly heartbeatAgeMs: number | null;
}

export const killSwitchStatus = (state: AccountState, now: number): KillSwitchStatus => ({
  accountId: state.accountId,
  version: state.version,
  tradingState: state.tradingState,
  mode: state.mode,
  trip:
    state.killSwitch === null
      ? null
      : {
          reason: state.killSwitch.reason,
          detail: state.killSwitch.detail,
          trippedAt: state.killSwitch.trippedAt,
        },
  flatten:
    state.flatten === null
      ? null
      : {
          seq: state.flatten.seq,
          requestedAt: state.flatten.requestedAt,
          timedOut: state.flatten.timedOut,
        },
  lastHeartbeatTs: state.lastHeartbeatTs,
  heartbeatAgeMs: state.lastHeartbeatTs === null ? null : now - state.lastHeartbeatTs,
});

const iso = (ts: number): string => new Date(ts).toISOString();

const ageText = (ms: number): string =>
  ms < 0
    ? `${(-ms / 1_000).toFixed(1)} s in the future (clocks disagree)`
    : `${(ms / 1_000).toFixed(1)} s ago`;

/** The account's trading state, its trip if any, its flatten and the engine's last sign of life. */
export const formatKillSwitchStatus = (s: KillSwitchStatus, format: 'table' | 'json'): string => {
  if (format === 'json') return JSON.stringify(s, null, 2);
  const rows: string[][] = [
    ['account', `${s.accountId} (account-${s.accountId}, version ${s.version})`],
    [
      'trading state',
      s.tradingState === s.mode ? s.tradingState : `${s.tradingState} (mode ${s.mode})`,
    ],
    [
      'kill switch',
      s.trip === null
        ? 'not tripped'
        : `TRIPPED ${s.trip.reason} at ${iso(s.trip.trippedAt)}: ${s.trip.detail}`,
    ],
    [
      'flatten',
      s.flatten === null
        ? s.trip === null
          ? 'none'
          : 'confirmed'
        : `#${s.flatten.seq} in progress since ${iso(s.flatten.requestedAt)}${s.flatten.timedOut ? ' (timed out: look at the exchange)' : ''}`,
    ],
    [
      'last heartbeat',
      s.lastHeartbeatTs === null || s.heartbeatAgeMs === null
        ? 'none (the engine has not run live on this account)'
        : `${ageText(s.heartbeatAgeMs)} (${iso(s.lastHeartbeatTs)})`,
    ],
  ];
  return alignColumns(rows).join('\n');
};
