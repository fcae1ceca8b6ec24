import { formatRunStatus } from './runStatusLine';

describe('run’s status line (CLI.md v2)', () => {
  it('says open orders, the last tick’s and heartbeat’s age and the account’s state', () => {
    expect(
      formatRunStatus({
        openOrders: 3,
        waiting: 0,
        lastTickAgeMs: 420,
        heartbeatAgeMs: 1_000,
        tradingState: 'ACTIVE',
        reconciling: false,
        stale: [],
      }),
    ).toBe('status: 3 open · last tick 0.4 s ago · heartbeat 1.0 s ago · account ACTIVE');
  });

  it('names what keeps the run from acting: items waiting, no tick or heartbeat yet, a reconciliation, stale symbols', () => {
    expect(
      formatRunStatus({
        openOrders: 0,
        waiting: 2,
        lastTickAgeMs: null,
        heartbeatAgeMs: null,
        tradingState: 'HALTED',
        reconciling: true,
        stale: ['ETH/USDT'],
      }),
    ).toBe(
      'status: 0 open · 2 waiting · last tick never · heartbeat never · account HALTED, reconciling · stale: ETH/USDT',
    );
  });
});
