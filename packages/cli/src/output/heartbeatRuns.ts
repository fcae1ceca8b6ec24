import type { StoredEvent } from '@smart-orders/engine';
import { formatTimelineRow } from './formatTimeline';
import { isoTime } from './numberText';

/** What a live engine records every second: its account's heartbeat and its lease's renewal. */
const BEATS = ['HeartbeatRecorded', 'EngineLeaseRenewed'] as const;
type Beat = (typeof BEATS)[number];
const isBeat = (type: string): type is Beat => (BEATS as readonly string[]).includes(type);

/**
 * A live engine records a heartbeat and renews its partition's lease every second, so an audit
 * trail of a day is mostly those. `audit` keeps them readable without losing the record: in a run
 * of consecutive beats (nothing else in between, in store order) each kind prints as its first
 * and its last event, which say from when to when the engine was alive and owned its partition,
 * and a table row says how many there were. `audit --all` prints every event.
 */
export interface HeartbeatRuns {
  /** Takes the next event in store order; answers the lines to print now. */
  push(event: StoredEvent): string[];
  /** Answers the lines of the run still open at the end. */
  end(): string[];
  /** Beats of each kind not printed one by one. */
  readonly summarised: number;
  readonly renewalsSummarised: number;
}

export const heartbeatRuns = (
  format: 'jsonl' | 'table',
  print: (e: StoredEvent) => string,
): HeartbeatRuns => {
  let run: StoredEvent[] = [];
  const summarised: Record<Beat, number> = { HeartbeatRecorded: 0, EngineLeaseRenewed: 0 };

  /** The first and last of one kind, the last as a counted row in a table when more were left out. */
  const ends = (type: Beat, beats: StoredEvent[]): { event: StoredEvent; line: string }[] => {
    const first = beats[0];
    const last = beats[beats.length - 1];
    if (first === undefined || last === undefined) return [];
    if (beats.length <= 2) return beats.map((event) => ({ event, line: print(event) }));
    summarised[type] += beats.length - 2;
    const lastLine =
      format === 'jsonl'
        ? print(last)
        : formatTimelineRow({ ...last, type: `${type} ×${beats.length}`, data: {} }).replace(
            /\s*$/,
            `  one a beat from ${isoTime(first.ts)} to ${isoTime(last.ts)} (audit --all prints each)`,
          );
    return [
      { event: first, line: print(first) },
      { event: last, line: lastLine },
    ];
  };

  const close = (): string[] => {
    const picked = BEATS.flatMap((type) =>
      ends(
        type,
        run.filter((e) => e.type === type),
      ),
    );
    run = [];
    return picked.sort((a, b) => a.event.position - b.event.position).map((p) => p.line);
  };

  return {
    push: (event) => {
      if (isBeat(event.type)) {
        run.push(event);
        return [];
      }
      return [...close(), print(event)];
    },
    end: close,
    get summarised() {
      return summarised.HeartbeatRecorded;
    },
    get renewalsSummarised() {
      return summarised.EngineLeaseRenewed;
    },
  };
};
