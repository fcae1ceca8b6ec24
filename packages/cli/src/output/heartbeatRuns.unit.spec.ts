import type { StoredEvent } from '@smart-orders/engine';
import { formatJsonl } from './formatJsonl';
import { heartbeatRuns } from './heartbeatRuns';

let position = 0;
const event = (stream: string, type: string, ts: number): StoredEvent => ({
  position: ++position,
  stream,
  orderId: null,
  version: position,
  ts,
  type,
  data: type === 'EngineLeaseRenewed' ? { engineId: 'a', epoch: 1, until: ts + 10_000 } : {},
});

describe('audit: runs of beats', () => {
  it('a live engine’s interleaved heartbeats and lease renewals print as the first and last of each kind, in store order, and the rest is counted per kind', () => {
    position = 0;
    const beats = Array.from({ length: 10 }, (_, i) => [
      event('account-a', 'HeartbeatRecorded', 1_000 * i),
      event('lease-a', 'EngineLeaseRenewed', 1_000 * i + 500),
    ]).flat();
    const runs = heartbeatRuns('jsonl', formatJsonl);
    const lines = [
      ...beats.flatMap((e) => runs.push(e)),
      ...runs.push(event('account-a', 'KillSwitchTripped', 10_000)),
      ...runs.end(),
    ];
    expect(lines.map((l) => (JSON.parse(l) as { position: number }).position)).toEqual([
      1, 2, 19, 20, 21,
    ]);
    expect(runs.summarised).toBe(8);
    expect(runs.renewalsSummarised).toBe(8);
  });

  it('as a table, the last of each kind is a row that says how many and from when to when', () => {
    position = 0;
    const runs = heartbeatRuns('table', (e) => e.type);
    const lines = [
      ...[0, 1, 2, 3].flatMap((i) => runs.push(event('lease-a', 'EngineLeaseRenewed', i * 1_000))),
      ...runs.end(),
    ];
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('EngineLeaseRenewed');
    expect(lines[1]).toContain('EngineLeaseRenewed ×4');
    expect(lines[1]).toContain('from 1970-01-01T00:00:00.000Z to 1970-01-01T00:00:03.000Z');
  });
});
