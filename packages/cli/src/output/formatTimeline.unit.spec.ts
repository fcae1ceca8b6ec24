import { formatTimeline, formatTimelineRow, timelineHeader } from './formatTimeline';
import { trailingScenario } from './storedEvents.spec.helper';

describe('formatTimeline', () => {
  it('prints a header and one aligned row per event, time in UTC with ms', () => {
    const lines = formatTimeline(trailingScenario()).split('\n');
    expect(lines[0]).toMatch(/^TIME {22}ORDER {2}EVENT {14}DETAILS$/);
    expect(lines).toContain('1970-01-01T00:00:04.000Z  o-1    TpFilled           L1 0.4 @ 106');
    const eventColumn = lines.map((l) =>
      l.indexOf(l.includes('TIME') ? 'EVENT' : (l.split(/\s{2,}/)[2] ?? '')),
    );
    expect(new Set(eventColumn).size).toBe(1);
    expect(lines.every((l) => l === l.trimEnd())).toBe(true);
  });

  it('names an account event by its stream', () => {
    const text = formatTimeline([
      {
        position: 9,
        stream: 'account-default',
        orderId: null,
        version: 1,
        ts: 0,
        type: 'KillSwitchTripped',
        data: { reason: 'MANUAL' },
      },
    ]);
    expect(text.split('\n')[1]).toBe(
      '1970-01-01T00:00:00.000Z  account-default  KillSwitchTripped  MANUAL',
    );
  });
});

describe('formatTimelineRow', () => {
  it('pads to fixed widths so that streamed rows line up under timelineHeader', () => {
    const rows = trailingScenario().map(formatTimelineRow);
    expect(rows[6]).toBe(
      `1970-01-01T00:00:04.000Z  ${'o-1'.padEnd(18)}  ${'TpFilled'.padEnd(23)}  L1 0.4 @ 106`,
    );
    const detailsAt = timelineHeader().indexOf('DETAILS');
    expect(
      rows
        .filter((r) => r.length > detailsAt)
        .every((r) => r[detailsAt - 1] === ' ' && r[detailsAt] !== ' '),
    ).toBe(true);
  });
});
