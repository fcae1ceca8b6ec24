import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleTicks, examplePlan, runCli } from './testing/runCli';

describe('smart-orders replay (end to end, real recorded ticks)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-e2e-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const replayArgs = (store: string, format = 'jsonl'): string[] => [
    'replay',
    '--ticks',
    exampleTicks,
    '--symbol',
    'ETH/USDT',
    '--plan',
    examplePlan,
    '--store',
    store,
    '--format',
    format,
  ];

  it('gives the same event log on memory: and sqlite:, and audit reads it back from SQLite', () => {
    const memory = runCli(replayArgs('memory:'));
    expect(memory.status).toBe(0);
    const db = join(dir, 'same.sqlite');
    const sqlite = runCli(replayArgs(`sqlite:${db}`));
    expect(sqlite.status).toBe(0);
    expect(sqlite.stdout).toBe(memory.stdout);
    const lines = memory.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; orderId: string; position: number });
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.map((l) => l.position)).toEqual(lines.map((_, i) => i + 1));
    expect(lines.filter((l) => l.type === 'SmartOrderClosed').map((l) => l.orderId)).toEqual([
      'eth-short-ladder',
    ]);
    expect(lines.filter((l) => l.type === 'SmartOrderStopped').map((l) => l.orderId)).toEqual([
      'eth-long-trailing',
    ]);
    const audit = runCli(['audit', '--store', `sqlite:${db}`, '--format', 'jsonl']);
    expect(audit.stdout).toBe(memory.stdout);
    expect(memory.stderr).toContain('ModifyStopLoss eth-long-managed');
    expect(memory.stderr).toContain('INVALID_STOP_PRICE');
  });

  it('prints the timeline and a summary with TP progress and P&L, and writes a self-contained chart', () => {
    const chart = join(dir, 'chart.html');
    const run = runCli([...replayArgs('memory:', 'table'), '--chart', chart]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/eth-short-ladder\s+ETH\/USDT\s+SELL\s+CLOSED\s+3\/3/);
    expect(run.stdout).toMatch(/eth-long-trailing\s+ETH\/USDT\s+BUY\s+STOPPED\s+1\/2/);
    const html = readFileSync(chart, 'utf8');
    expect(html).toContain('<html');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
  });

  it('shows where orders stand with status', () => {
    const db = join(dir, 'status.sqlite');
    expect(runCli(replayArgs(`sqlite:${db}`)).status).toBe(0);
    const status = runCli(['status', '--store', `sqlite:${db}`, '--format', 'json']);
    expect(status.status).toBe(0);
    const rows = JSON.parse(status.stdout) as {
      orderId: string;
      status: string;
      progress: string;
    }[];
    expect(rows.map((r) => [r.orderId, r.status, r.progress])).toEqual([
      ['eth-short-ladder', 'CLOSED', '3/3'],
      ['eth-long-trailing', 'STOPPED', '1/2'],
      ['eth-long-managed', 'CANCELLED', '0/1'],
    ]);
  });

  describe('bad input exits 2 with one clear line and writes nothing', () => {
    const badPlan = (): string => {
      const file = join(dir, 'bad-plan.json');
      writeFileSync(
        file,
        JSON.stringify({
          orders: [
            {
              orderId: 'x',
              exchange: 'paper',
              symbol: 'ETH/USDT',
              side: 'BUY',
              quantity: 1,
              entry: { type: 'MARKET' },
              takeProfits: [{ price: 2700, sizePct: 95 }],
            },
          ],
        }),
      );
      return file;
    };
    const badRow = (): string => {
      const file = join(dir, 'bad-row.csv');
      writeFileSync(file, 'timestamp,price\n1723161601550,2682.51\n1723161601663,abc\n');
      return file;
    };
    const backwards = (): string => {
      const file = join(dir, 'backwards.csv');
      writeFileSync(file, 'timestamp,price\n1723161601663,2682.51\n1723161601550,2682.52\n');
      return file;
    };
    const headerless = (): string => {
      const file = join(dir, 'headerless.csv');
      writeFileSync(file, '1315922016,5.8,1.0\n1315922024,5.83,3.0\n');
      return file;
    };
    const unknownField = (): string => {
      const file = join(dir, 'unknown-field.json');
      writeFileSync(
        file,
        JSON.stringify({
          orders: [
            {
              orderId: 'x',
              exchange: 'paper',
              symbol: 'ETH/USDT',
              side: 'BUY',
              quantity: 1,
              entry: { type: 'MARKET' },
              takeProfits: [{ price: 2700, sizePct: 100 }],
              stopLos: { price: 1 },
            },
          ],
        }),
      );
      return file;
    };
    const cases: [string, () => string[], RegExp][] = [
      [
        'an unreadable tick file',
        () => ['--ticks', join(dir, 'missing.csv'), '--plan', examplePlan, '--symbol', 'ETH/USDT'],
        /missing\.csv/,
      ],
      [
        'a bad CSV row',
        () => ['--ticks', badRow(), '--plan', examplePlan, '--symbol', 'ETH/USDT'],
        /bad-row\.csv:3: price/,
      ],
      [
        'ticks going back in time',
        () => ['--ticks', backwards(), '--plan', examplePlan, '--symbol', 'ETH/USDT'],
        /backwards\.csv:3/,
      ],
      [
        'a headerless CSV without --columns',
        () => ['--ticks', headerless(), '--plan', examplePlan, '--symbol', 'ETH/USDT'],
        /--columns/,
      ],
      [
        'an invalid plan',
        () => ['--ticks', exampleTicks, '--plan', badPlan(), '--symbol', 'ETH/USDT'],
        /takeProfits: sizePct must sum to 100, got 95/,
      ],
      [
        'an unknown plan field',
        () => ['--ticks', exampleTicks, '--plan', unknownField(), '--symbol', 'ETH/USDT'],
        /stopLos: unknown field/,
      ],
      [
        'an unknown store URL',
        () => [
          '--ticks',
          exampleTicks,
          '--plan',
          examplePlan,
          '--symbol',
          'ETH/USDT',
          '--store',
          'mongo://x',
        ],
        /--store: unknown store URL/,
      ],
    ];
    it.each(cases)('%s', (_name, args, message) => {
      const db = join(dir, `untouched-${Math.random().toString(36).slice(2)}.sqlite`);
      const withStore = args().includes('--store')
        ? args()
        : [...args(), '--store', `sqlite:${db}`];
      const run = runCli(['replay', ...withStore]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
      expect(existsSync(db)).toBe(false);
    });
  });
});
