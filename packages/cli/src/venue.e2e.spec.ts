import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { cliBin, exampleTicks, repoRoot, runCli } from './testing/runCli';

const btcTicks = join(repoRoot, 'examples/data/binance-usdm_BTCUSDT_trades_20230405.csv');

/** The venue's URL, from its `listening on …` line. */
const listening = (child: ChildProcess): Promise<string> =>
  new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`venue exited with ${code}`)));
  });

describe('smart-orders venue', () => {
  it('serves several markets from --ticks given more than once, each file with its --symbol', async () => {
    const child = spawn(
      process.execPath,
      [
        cliBin,
        'venue',
        '--ticks',
        exampleTicks,
        '--ticks',
        btcTicks,
        '--symbol',
        'ETH/USDT,BTC/USDT',
        '--step',
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await listening(child);
      const state = (await (await fetch(`${url}/control/state`)).json()) as {
        symbols: string[];
      };
      expect(state.symbols).toEqual(['ETH/USDT', 'BTC/USDT']);
      const info = (await (await fetch(`${url}/api/v3/exchangeInfo`)).json()) as {
        symbols: { symbol: string }[];
      };
      expect(info.symbols.map((s) => s.symbol)).toEqual(['ETHUSDT', 'BTCUSDT']);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it("serves USDⓈ-M perpetuals with --market usdm, the file's pair as its perpetual", async () => {
    const child = spawn(
      process.execPath,
      [cliBin, 'venue', '--ticks', btcTicks, '--symbol', 'BTC/USDT', '--market', 'usdm', '--step'],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await listening(child);
      const info = (await (await fetch(`${url}/fapi/v1/exchangeInfo`)).json()) as {
        symbols: { symbol: string; contractType: string }[];
      };
      expect(info.symbols).toEqual([
        expect.objectContaining({ symbol: 'BTCUSDT', contractType: 'PERPETUAL' }),
      ]);
      const spot = (await (await fetch(`${url}/api/v3/exchangeInfo`)).json()) as {
        symbols: unknown[];
      };
      expect(spot.symbols).toEqual([]);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('speaks Bybit v5 with --dialect bybit: its spot instruments, the other categories empty', async () => {
    const child = spawn(
      process.execPath,
      [
        cliBin,
        'venue',
        '--ticks',
        exampleTicks,
        '--symbol',
        'ETH/USDT',
        '--dialect',
        'bybit',
        '--step',
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await listening(child);
      const spot = (await (
        await fetch(`${url}/v5/market/instruments-info?category=spot`)
      ).json()) as { retCode: number; result: { list: { symbol: string }[] } };
      expect(spot.retCode).toBe(0);
      expect(spot.result.list.map((i) => i.symbol)).toEqual(['ETHUSDT']);
      const linear = (await (
        await fetch(`${url}/v5/market/instruments-info?category=linear`)
      ).json()) as { result: { list: unknown[] } };
      expect(linear.result.list).toEqual([]);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('refuses a --dialect it does not speak', () => {
    const eth = ['venue', '--ticks', exampleTicks, '--symbol', 'ETH/USDT'];
    const other = runCli([...eth, '--dialect', 'okx']);
    expect(other.status).toBe(2);
    expect(other.stderr).toContain('--dialect: must be binance or bybit, got "okx"');
  });

  it('speaks Bybit v5 linear with --dialect bybit --market usdm: the perpetual under category linear, spot empty', async () => {
    const child = spawn(
      process.execPath,
      [
        cliBin,
        'venue',
        ...['--ticks', exampleTicks, '--symbol', 'ETH/USDT:USDT'],
        ...['--dialect', 'bybit', '--market', 'usdm', '--step'],
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await listening(child);
      const instruments = async (category: string) =>
        (
          (await (
            await fetch(`${url}/v5/market/instruments-info?category=${category}`)
          ).json()) as { result: { list: { symbol: string; contractType: string }[] } }
        ).result.list;
      expect(await instruments('linear')).toEqual([
        expect.objectContaining({ symbol: 'ETHUSDT', contractType: 'LinearPerpetual' }),
      ]);
      expect(await instruments('spot')).toEqual([]);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  const fillsOf = async (args: readonly string[]): Promise<unknown> => {
    const child = spawn(
      process.execPath,
      [cliBin, 'venue', '--ticks', exampleTicks, '--symbol', 'ETH/USDT', '--step', ...args],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await listening(child);
      return ((await (await fetch(`${url}/control/state`)).json()) as { fills: unknown }).fills;
    } finally {
      child.kill('SIGTERM');
    }
  };

  it('fills with the fill model and its defaults (10/10 bps RECEIVED, printed sizes, own fills printed), each changed by its flag', async () => {
    expect(await fillsOf([])).toEqual({
      fees: { makerBps: 10, takerBps: 10, asset: 'RECEIVED' },
      sizeLimits: true,
      latencyMs: 0,
      slippageBps: 0,
      printOwnFills: true,
    });
    expect(
      await fillsOf([
        ...['--fees', '2,5,QUOTE', '--no-size-limits', '--max-deviation-bps', '50'],
        ...['--latency-ms', '250', '--no-print-own-fills'],
      ]),
    ).toEqual({
      fees: { makerBps: 2, takerBps: 5, asset: 'QUOTE' },
      sizeLimits: false,
      maxDeviationBps: 50,
      latencyMs: 250,
      slippageBps: 0,
      printOwnFills: false,
    });
  }, 60_000);

  it('refuses a fill flag that is not what it must be, naming it', () => {
    const fees = runCli(['venue', '--ticks', exampleTicks, '--fees', '10']);
    expect(fees.status).toBe(2);
    expect(fees.stderr).toContain('--fees: must be MAKER_BPS,TAKER_BPS[,RECEIVED|QUOTE] or 0');
    const latency = runCli([
      ...['venue', '--ticks', exampleTicks, '--symbol', 'ETH/USDT', '--latency-ms', '1.5'],
    ]);
    expect(latency.status).toBe(2);
    expect(latency.stderr).toContain('latencyMs must be an integer >= 0');
  });

  it('refuses a --symbol list that does not pair with the --ticks files', () => {
    const r = runCli([
      'venue',
      '--ticks',
      exampleTicks,
      '--ticks',
      btcTicks,
      '--symbol',
      'ETH/USDT',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--symbol: give one symbol per --ticks file');
  });
});
