import { join } from 'node:path';
import { exampleTicks, repoRoot, runCli } from './runCli';

interface Line {
  readonly orderId: string | null;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** `replay` of one exit-plan drill of `examples/plans/exits` on the example ETH/USDT trades. */
export const replayExitDrill = (
  plan: string,
  format: 'jsonl' | 'table',
  extra: readonly string[] = [],
): string => {
  const run = runCli([
    'replay',
    '--ticks',
    exampleTicks,
    '--symbol',
    'ETH/USDT',
    '--plan',
    join(repoRoot, 'examples/plans/exits', plan),
    '--store',
    'memory:',
    '--format',
    format,
    ...extra,
  ]);
  expect(run.status).toBe(0);
  return run.stdout;
};

/** The drill's events, read as `of(orderId, type)` → the data of each such event in order. */
export const drillEvents = (plan: string) => {
  const lines = replayExitDrill(plan, 'jsonl')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
  return (orderId: string, type: string) =>
    lines.filter((l) => l.orderId === orderId && l.type === type).map((l) => l.data);
};
