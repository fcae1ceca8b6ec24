import { accountEvent as ev } from './accountEvent';
import { accountSpec, heartbeat, T } from './accountFixtures.spec.helper';
import { heartbeatStale } from './heartbeat';

describe('heartbeats', () => {
  const spec = accountSpec();

  it('records each heartbeat newer than the last, and nothing for a repeated or late one', () => {
    const state = spec
      .given()
      .when(heartbeat(T), heartbeat(T + 5000), heartbeat(T + 5000), heartbeat(T + 1000))
      .then([ev('HeartbeatRecorded', T, {}), ev('HeartbeatRecorded', T + 5000, {})]);
    expect(state.lastHeartbeatTs).toBe(T + 5000);
  });

  it('are fresh up to exactly max-silence old, stale one millisecond later', () => {
    expect(heartbeatStale(T, T + 30_000, 30_000)).toBe(false);
    expect(heartbeatStale(T, T + 30_001, 30_000)).toBe(true);
    expect(heartbeatStale(T, T, 30_000)).toBe(false);
  });

  it('are stale when there never was one: the engine is not known to be alive', () => {
    expect(heartbeatStale(null, T, 30_000)).toBe(true);
  });
});
