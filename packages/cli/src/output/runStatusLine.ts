/** Where a live run stands, for its status line (CLI.md v2). Ages in ms; null: never. */
export interface RunStatus {
  readonly openOrders: number;
  /** Plan items refused for a while, waiting for the account to trade. */
  readonly waiting: number;
  readonly lastTickAgeMs: number | null;
  readonly heartbeatAgeMs: number | null;
  readonly tradingState: 'ACTIVE' | 'REDUCING' | 'HALTED';
  readonly reconciling: boolean;
  /** Symbols whose market data is stale. */
  readonly stale: readonly string[];
}

const age = (ms: number | null): string =>
  ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s ago`;

/**
 * `run`'s status line, printed on stderr every 10 s while stderr is a terminal: what an operator
 * glances at to see that the run is alive, sees the market and can act.
 */
export const formatRunStatus = (s: RunStatus): string =>
  [
    `status: ${s.openOrders} open`,
    ...(s.waiting > 0 ? [`${s.waiting} waiting`] : []),
    `last tick ${age(s.lastTickAgeMs)}`,
    `heartbeat ${age(s.heartbeatAgeMs)}`,
    `account ${s.tradingState}${s.reconciling ? ', reconciling' : ''}`,
    ...(s.stale.length > 0 ? [`stale: ${s.stale.join(', ')}`] : []),
  ].join(' · ');
