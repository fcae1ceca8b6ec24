import type { StoredEvent } from '@smart-orders/engine';

/** What an operator must see at once, by kind. */
export type AlertKind =
  | 'KILL_SWITCH_TRIPPED'
  | 'HEARTBEAT_LOST'
  | 'FLATTEN_CONFIRMED'
  | 'FLATTEN_FAILING'
  | 'RECONCILIATION_DIVERGED'
  | 'ORDER_STOPPED'
  | 'STALE_DATA'
  | 'DATA_RESUMED';

export interface OperatorAlert {
  readonly kind: AlertKind;
  /** One line a person reads on a phone. */
  readonly text: string;
  /** Epoch milliseconds of the event. */
  readonly ts: number;
  readonly account: string | null;
  readonly orderId: string | null;
  /** The event itself, for a webhook's receiver. */
  readonly event: StoredEvent;
}

const accountOf = (e: StoredEvent): string | null =>
  e.stream.startsWith('account-') ? e.stream.slice('account-'.length) : null;

/**
 * The alert a committed event raises, or null. A trip for lost heartbeats is the watchdog's
 * and says so; a flatten is failing when it timed out or its market exit was refused and
 * retried as a limit order. Stale data is the engine's `MarketDataStale` (its wall clock against
 * the plan's `account.staleAfterMs`), so the alert and the engine's refusal to open say the same.
 */
export const operatorAlertOf = (e: StoredEvent): OperatorAlert | null => {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const account = accountOf(e);
  const alert = (kind: AlertKind, text: string): OperatorAlert => ({
    kind,
    text,
    ts: e.ts,
    account,
    orderId: e.orderId,
    event: e,
  });
  switch (e.type) {
    case 'KillSwitchTripped':
      return data.reason === 'HEARTBEAT_LOST'
        ? alert(
            'HEARTBEAT_LOST',
            `account ${account}: heartbeat lost, the watchdog tripped the kill switch (${String(data.detail)})`,
          )
        : alert(
            'KILL_SWITCH_TRIPPED',
            `account ${account}: kill switch tripped, ${String(data.reason)} (${String(data.detail)})`,
          );
    case 'FlattenConfirmed':
      return alert(
        'FLATTEN_CONFIRMED',
        `account ${account}: flatten confirmed, flat after ${String(data.elapsedMs)} ms`,
      );
    case 'FlattenTimedOut':
      return alert(
        'FLATTEN_FAILING',
        `account ${account}: flatten not confirmed after ${String(data.elapsedMs)} ms; still trying, look at the positions`,
      );
    case 'FlattenRetriedAsLimit':
      return data.reason === 'REJECTED'
        ? alert(
            'FLATTEN_FAILING',
            `account ${account}: flatten exit on ${String(data.symbol)} refused (${String(data.rejection)}); retried as a limit at ${String(data.limitPrice)}`,
          )
        : null;
    case 'ReconciliationDiverged':
      return alert(
        'RECONCILIATION_DIVERGED',
        `account ${account}: the exchange differs from the log (${(data.differences as unknown[] | undefined)?.length ?? 0} differences, policy ${String(data.policy)})${data.halted === true ? '; trading halted' : ''}`,
      );
    case 'SmartOrderStopped':
      return alert('ORDER_STOPPED', `order ${e.orderId}: stopped (${String(data.kind)})`);
    case 'MarketDataStale':
      return alert(
        'STALE_DATA',
        typeof data.lastTickTs === 'number'
          ? `account ${account}: ${String(data.symbol)} market data stale, last tick at ${new Date(data.lastTickTs).toISOString()}; no new entries until it resumes`
          : `account ${account}: ${String(data.symbol)} market data stale, no tick since the start; no new entries until it resumes`,
      );
    case 'MarketDataResumed':
      return alert(
        'DATA_RESUMED',
        `account ${account}: ${String(data.symbol)} market data resumed`,
      );
    default:
      return null;
  }
};
