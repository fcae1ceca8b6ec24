import type { StoredEvent } from '@smart-orders/engine';
import { formatTimelineRow } from './formatTimeline';
import { isoTime } from './numberText';

const HEARTBEAT = 'HeartbeatRecorded';

/**
 * A live engine records a heartbeat every second, so an audit trail of a day is mostly
 * heartbeats. `audit` keeps them readable without losing the record: a run of consecutive
 * heartbeats (nothing else in between, in store order) prints as its first and its last event,
 * which say from when to when the engine was alive, and a table row says how many there were.
 * `audit --all` prints every event.
 */
export interface HeartbeatRuns {
  /** Takes the next event in store order; answers the lines to print now. */
  push(event: StoredEvent): string[];
  /** Answers the lines of the run still open at the end. */
  end(): string[];
  /** Heartbeats not printed one by one. */
  readonly summarised: number;
}

export const heartbeatRuns = (
  format: 'jsonl' | 'table',
  print: (e: StoredEvent) => string,
): HeartbeatRuns => {
  let run: StoredEvent[] = [];
  let summarised = 0;

  const close = (): string[] => {
    const first = run[0];
    const last = run[run.length - 1];
    const count = run.length;
    run = [];
    if (first === undefined || last === undefined) return [];
    if (count <= 2) return [first, last].slice(0, count).map(print);
    summarised += count - 2;
    if (format === 'jsonl') return [print(first), print(last)];
    return [
      print(first),
      formatTimelineRow({
        ...last,
        type: `${HEARTBEAT} ×${count}`,
        data: {},
      }).replace(
        /\s*$/,
        `  one a beat from ${isoTime(first.ts)} to ${isoTime(last.ts)} (audit --all prints each)`,
      ),
    ];
  };

  return {
    push: (event) => {
      if (event.type === HEARTBEAT) {
        run.push(event);
        return [];
      }
      return [...close(), print(event)];
    },
    end: close,
    get summarised() {
      return summarised;
    },
  };
};
