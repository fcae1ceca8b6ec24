export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: string;
  readonly pass?: boolean;
}

export interface BenchResult {
  readonly date: string;
  readonly machine: {
    readonly cpus: number;
    readonly cpu: string;
    readonly memoryGiB: number;
    readonly node: string;
  };
  readonly figures: readonly Figure[];
}

const fmt = (v: number): string =>
  Math.abs(v) >= 1000
    ? Math.round(v).toLocaleString('en-US')
    : v >= 10
      ? v.toFixed(1)
      : v.toFixed(3);

export const printTable = (result: BenchResult): void => {
  const rows = result.figures.map((f) => [
    f.name,
    `${fmt(f.value)} ${f.unit}`,
    f.target ?? '',
    f.pass === undefined ? '' : f.pass ? 'met' : 'MISSED',
  ]);
  const widths = [0, 1, 2, 3].map((c) =>
    Math.max(
      ...rows.map((r) => (r[c] as string).length),
      ['figure', 'value', 'target', ''][c]!.length,
    ),
  );
  const line = (r: string[]): string =>
    r
      .map((cell, c) => cell.padEnd(widths[c] as number))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    `smart-orders bench — ${result.date} — ${result.machine.cpus} × ${result.machine.cpu}, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}\n`,
  );
  process.stdout.write(`${line(['figure', 'value', 'target', ''])}\n`);
  for (const r of rows) process.stdout.write(`${line(r as string[])}\n`);
};
