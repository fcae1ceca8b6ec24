import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './testing/panelFixture';
import { cliBin, startServeProcess } from './testing/serveProcess';

jest.setTimeout(120_000);

const ticks = 'examples/data/binance-spot_ETHUSDT_trades_20240809.csv';
const plan = 'examples/plans/eth-demo.json';

const cli = (args: readonly string[]): string => {
  const r = spawnSync(process.execPath, [cliBin, ...args], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`smart-orders ${args.join(' ')}: ${r.status}\n${r.stderr}`);
  return r.stdout;
};

/** The order views of a store as `status --format json` prints them: status, progress, gross, fees, net. */
const views = (store: string): unknown =>
  JSON.parse(cli(['status', '--store', store, '--format', 'json']));

/** Serves the recording on paper as fast as it goes, to its end, then stops. */
const serveToTheEnd = async (store: string, flags: readonly string[]): Promise<void> => {
  const server = await startServeProcess([
    ...['--ticks', ticks, '--symbol', 'ETH/USDT', '--plan', plan],
    ...['--store', store, '--port', '0', '--speed', '1e9'],
    ...flags,
  ]);
  for (;;) {
    const market = (await (await fetch(`${server.url}/api/market`)).json()) as {
      replay: { played: number; total: number };
    };
    if (market.replay.played === market.replay.total) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(await server.stop()).toBe(0);
};

describe('smart-orders serve on paper fills as replay does (SEMANTICS §9.4)', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'serve-fills-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'the default fill model (10 / 10 bps in the asset received, fills no larger than a print)',
      [],
    ],
    ['the fill flags given', ['--fees', '5,20,QUOTE', '--latency-ms', '200', '--no-size-limits']],
  ])('ends with the same orders, fills and fees as replay: %s', async (_, flags) => {
    const served = `sqlite:${join(dir, `serve-${flags.length}.sqlite`)}`;
    const replayed = `sqlite:${join(dir, `replay-${flags.length}.sqlite`)}`;
    await serveToTheEnd(served, flags);
    cli([
      'replay',
      '--ticks',
      ticks,
      '--symbol',
      'ETH/USDT',
      '--plan',
      plan,
      '--store',
      replayed,
      '--format',
      'summary',
      ...flags,
    ]);
    const fromServe = views(served);
    expect(fromServe).toEqual(views(replayed));
    // Not a version 1 fill: every filled order paid its fees.
    const fees = (fromServe as { realisedPnl: { fees: number } }[]).map((v) => v.realisedPnl.fees);
    expect(fees).toHaveLength(3);
    expect(fees.every((f) => f > 0)).toBe(true);
  });
});
