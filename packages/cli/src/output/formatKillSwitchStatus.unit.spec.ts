import { initialAccountState, type AccountState } from '@smart-orders/core';
import { formatKillSwitchStatus, killSwitchStatus } from './formatKillSwitchStatus';

const account = (changes: Partial<AccountState>): AccountState => {
  const initial = initialAccountState('desk');
  if (initial._tag === 'Left') throw new Error(initial.left.message);
  return { ...initial.right, ...changes };
};

describe('formatKillSwitchStatus', () => {
  it("gives the last heartbeat's age from the time asked", () => {
    const status = killSwitchStatus(account({ lastHeartbeatTs: 1_000_000, version: 9 }), 1_002_500);
    expect(status).toMatchObject({ lastHeartbeatTs: 1_000_000, heartbeatAgeMs: 2_500, trip: null });
    expect(formatKillSwitchStatus(status, 'table')).toContain(
      'last heartbeat  2.5 s ago (1970-01-01T00:16:40.000Z)',
    );
  });

  it('says a tripped switch whose flatten is done is confirmed, and a heartbeat ahead of this clock', () => {
    const tripped = account({
      tradingState: 'HALTED',
      killSwitch: { reason: 'HEARTBEAT_LOST', detail: 'no heartbeat for 12000 ms', trippedAt: 0 },
      lastHeartbeatTs: 5_000,
    });
    const table = formatKillSwitchStatus(killSwitchStatus(tripped, 4_000), 'table');
    expect(table.split('\n')).toEqual([
      'account         desk (account-desk, version 0)',
      'trading state   HALTED (mode ACTIVE)',
      'kill switch     TRIPPED HEARTBEAT_LOST at 1970-01-01T00:00:00.000Z: no heartbeat for 12000 ms',
      'flatten         confirmed',
      'last heartbeat  1.0 s in the future (clocks disagree) (1970-01-01T00:00:05.000Z)',
    ]);
  });
});
