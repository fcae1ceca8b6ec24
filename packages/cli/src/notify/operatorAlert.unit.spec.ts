import type { StoredEvent } from '@smart-orders/engine';
import { operatorAlertOf } from './operatorAlert';

const event = (type: string, data: Record<string, unknown>, stream = 'account-acc'): StoredEvent =>
  ({
    position: 1,
    stream,
    orderId: stream.startsWith('smart-order-') ? stream.slice(12) : null,
    version: 1,
    ts: 1_700_000_000_000,
    type,
    data,
  }) as StoredEvent;

describe('operatorAlertOf', () => {
  it.each([
    [
      event('KillSwitchTripped', { reason: 'DAILY_LOSS_LIMIT', detail: 'P&L -15' }),
      'KILL_SWITCH_TRIPPED',
      'account acc: kill switch tripped, DAILY_LOSS_LIMIT (P&L -15)',
    ],
    [
      event('KillSwitchTripped', { reason: 'HEARTBEAT_LOST', detail: 'no heartbeat for 2100 ms' }),
      'HEARTBEAT_LOST',
      'account acc: heartbeat lost, the watchdog tripped the kill switch (no heartbeat for 2100 ms)',
    ],
    [
      event('FlattenConfirmed', { elapsedMs: 840 }),
      'FLATTEN_CONFIRMED',
      'account acc: flatten confirmed, flat after 840 ms',
    ],
    [
      event('FlattenTimedOut', { elapsedMs: 30000 }),
      'FLATTEN_FAILING',
      'account acc: flatten not confirmed after 30000 ms; still trying, look at the positions',
    ],
    [
      event('FlattenRetriedAsLimit', {
        reason: 'REJECTED',
        symbol: 'ETH/USDT',
        rejection: 'market refused',
        limitPrice: 2673.67,
      }),
      'FLATTEN_FAILING',
      'account acc: flatten exit on ETH/USDT refused (market refused); retried as a limit at 2673.67',
    ],
    [
      event('ReconciliationDiverged', { policy: 'HALT', differences: [{}, {}], halted: true }),
      'RECONCILIATION_DIVERGED',
      'account acc: the exchange differs from the log (2 differences, policy HALT); trading halted',
    ],
    [
      event('SmartOrderStopped', { kind: 'STOP_LOSS' }, 'smart-order-o-1'),
      'ORDER_STOPPED',
      'order o-1: stopped (STOP_LOSS)',
    ],
    [
      event('MarketDataStale', { symbol: 'ETH/USDT', lastTickTs: 1_700_000_000_000 }),
      'STALE_DATA',
      'account acc: ETH/USDT market data stale, last tick at 2023-11-14T22:13:20.000Z; no new entries until it resumes',
    ],
    [
      event('MarketDataStale', { symbol: 'BTC/USDT', lastTickTs: null }),
      'STALE_DATA',
      'account acc: BTC/USDT market data stale, no tick since the start; no new entries until it resumes',
    ],
    [
      event('MarketDataResumed', { symbol: 'ETH/USDT' }),
      'DATA_RESUMED',
      'account acc: ETH/USDT market data resumed',
    ],
  ])('%#: %j raises %s', (e, kind, text) => {
    expect(operatorAlertOf(e)).toMatchObject({ kind, text, event: e });
  });

  it('raises nothing for the everyday events, nor for a limit retry that only repriced', () => {
    expect(operatorAlertOf(event('HeartbeatRecorded', {}))).toBeNull();
    expect(operatorAlertOf(event('TpFilled', { level: 1 }, 'smart-order-o-1'))).toBeNull();
    expect(operatorAlertOf(event('FlattenRetriedAsLimit', { reason: 'REPRICED' }))).toBeNull();
  });
});
