import type { Fault } from './fault';

/** A fault that happens once, when the venue's clock reaches its time. */
export type DueFault =
  | { readonly closeWebSocket: true; readonly at: number }
  | { readonly offMarketPrint: number; readonly at: number };

export interface FaultStatus {
  readonly fault: Fault;
  /** Reports or requests still to affect; for one-off faults, 1 until fired. */
  readonly remaining: number;
}

/** The faults in play: windows answer questions, counters are used up, one-offs fire once. */
export interface FaultBook {
  add(faults: readonly Fault[]): void;
  marketClosed(now: number): boolean;
  /** Whether signed reads are refused now (`refuseAccountReads`). */
  accountReadsRefused(now: number): boolean;
  takeDroppedReport(now: number): boolean;
  /** The delay for the next report, in wall-clock ms; null when none applies. */
  takeReportDelay(now: number): number | null;
  takeUnanswered(now: number): boolean;
  due(now: number): readonly DueFault[];
  list(): readonly FaultStatus[];
}

const initialCount = (f: Fault): number => {
  if ('dropExecutionReports' in f) return f.dropExecutionReports;
  if ('delayExecutionReportsMs' in f) return f.count;
  if ('executeWithoutAnswer' in f) return f.executeWithoutAnswer;
  return 1;
};

export const createFaultBook = (initial: readonly Fault[]): FaultBook => {
  const entries: { fault: Fault; remaining: number }[] = [];
  const add = (faults: readonly Fault[]) => {
    for (const fault of faults) entries.push({ fault, remaining: initialCount(fault) });
  };
  const take = (now: number, matches: (f: Fault) => boolean): Fault | null => {
    const entry = entries.find(
      (e) => matches(e.fault) && 'at' in e.fault && e.fault.at <= now && e.remaining > 0,
    );
    if (entry === undefined) return null;
    entry.remaining -= 1;
    return entry.fault;
  };
  add(initial);
  return {
    add,
    marketClosed: (now) =>
      entries.some(({ fault: f }) => 'rejectMarketOrders' in f && f.from <= now && now < f.to),
    accountReadsRefused: (now) =>
      entries.some(({ fault: f }) => 'refuseAccountReads' in f && f.from <= now && now < f.to),
    takeDroppedReport: (now) => take(now, (f) => 'dropExecutionReports' in f) !== null,
    takeReportDelay: (now) => {
      const f = take(now, (x) => 'delayExecutionReportsMs' in x);
      return f !== null && 'delayExecutionReportsMs' in f ? f.delayExecutionReportsMs : null;
    },
    takeUnanswered: (now) => take(now, (f) => 'executeWithoutAnswer' in f) !== null,
    due: (now) => {
      const fired: DueFault[] = [];
      for (;;) {
        const f = take(now, (x) => 'closeWebSocket' in x || 'offMarketPrint' in x);
        if (f === null) return fired.sort((a, b) => a.at - b.at);
        fired.push(f as DueFault);
      }
    },
    list: () => entries.map((e) => ({ fault: e.fault, remaining: e.remaining })),
  };
};
