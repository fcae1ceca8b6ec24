import type { FaultBook } from './faultBook';
import type { StreamHub } from './streamHub';

export interface ReportCounts {
  readonly sent: number;
  readonly dropped: number;
  readonly delayed: number;
}

/** Execution reports go out through the faults: some are dropped, some sent late. */
export interface ReportDelivery {
  deliver(report: unknown, ts: number): void;
  counts(): ReportCounts;
  close(): void;
}

export const createReportDelivery = (
  hub: Pick<StreamHub, 'publishUserData'>,
  faults: FaultBook,
): ReportDelivery => {
  const timers = new Set<NodeJS.Timeout>();
  let sent = 0;
  let dropped = 0;
  let delayed = 0;
  const send = (report: unknown) => {
    sent += 1;
    hub.publishUserData(report);
  };
  return {
    deliver: (report, ts) => {
      if (faults.takeDroppedReport(ts)) {
        dropped += 1;
        return;
      }
      const delay = faults.takeReportDelay(ts);
      if (delay === null) return send(report);
      delayed += 1;
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(report);
      }, delay);
      timers.add(timer);
    },
    counts: () => ({ sent, dropped, delayed }),
    close: () => {
      timers.forEach(clearTimeout);
      timers.clear();
    },
  };
};
