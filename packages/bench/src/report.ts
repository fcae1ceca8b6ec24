import type { Figure } from './figure';

export interface Machine {
  readonly cpus: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  /** Load averages (1, 5, 15 minutes) when the run started and when it ended. */
  readonly loadAtStart: readonly number[];
  readonly loadAtEnd: readonly number[];
}

export interface BenchResult {
  readonly date: string;
  /** The groups measured (`--only`), or every group. */
  readonly groups: readonly string[];
  /** Groups that failed: their figures are absent. */
  readonly failed: readonly string[];
  readonly machine: Machine;
  readonly figures: readonly Figure[];
}

export const fmt = (v: number): string =>
  !Number.isFinite(v)
    ? String(v)
    : Math.abs(v) >= 1000
      ? Math.round(v).toLocaleString('en-US')
      : Math.abs(v) >= 10
        ? v.toFixed(1)
        : v.toFixed(3);

const percent = (spread: number): string =>
  Number.isFinite(spread) ? `±${Math.round(spread * 100)} %` : '±∞';

export const printTable = (result: BenchResult, write: (s: string) => void): void => {
  const header = ['figure', 'median', 'min–max', 'spread', 'target', 'status', 'on CPU time'];
  const word = (status: Figure['status']): string =>
    status === null ? '' : status === 'met' ? 'met' : status.toUpperCase();
  const rows = result.figures.map((f) => [
    f.name,
    `${fmt(f.value)} ${f.unit}`,
    `${fmt(f.min)}–${fmt(f.max)}`,
    percent(f.spread),
    f.target ?? '',
    word(f.status),
    f.cpu === null
      ? ''
      : `${fmt(f.cpu.value)} ${percent(f.cpu.spread)}${f.target === null ? '' : ` ${word(f.cpu.status)}`}`,
  ]);
  const widths = header.map((h, c) =>
    Math.max(h.length, ...rows.map((r) => (r[c] as string).length)),
  );
  const line = (r: readonly string[]): string =>
    r
      .map((cell, c) => cell.padEnd(widths[c] as number))
      .join('  ')
      .trimEnd();
  const m = result.machine;
  write(
    `smart-orders bench — ${result.date} — ${m.cpus} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, load ${m.loadAtStart.map((l) => l.toFixed(1)).join(' ')} → ${m.loadAtEnd.map((l) => l.toFixed(1)).join(' ')}\n`,
  );
  write(`${line(header)}\n`);
  for (const r of rows) write(`${line(r)}\n`);
};
