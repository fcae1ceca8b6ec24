import { readFile } from 'node:fs/promises';
import type { FeeSchedule } from '@smart-orders/core';
import { readTicks } from '@smart-orders/replay-files';
import {
  checkVenueOptions,
  formatListening,
  parseFaults,
  startVenue,
  withQuantities,
  type Fault,
  type VenueTick,
} from '@smart-orders/venue';
import { badInput } from '../cliFailure';
import type { Io } from './replay';
import { waitForSignal } from '../waitForSignal';

export interface VenueArgs {
  /** One file, or several (`--ticks` given more than once): every market's ticks. */
  readonly ticks: string | readonly string[];
  /** The symbol of each file's ticks, comma-separated, paired with the files in order. */
  readonly symbol?: string;
  readonly columns?: string;
  readonly port?: number;
  readonly speed?: number;
  readonly step?: boolean;
  readonly faults?: string;
  /** `spot` (default) or `usdm`: USDⓈ-M perpetuals under /fapi. */
  readonly market?: string;
  /** `binance` (default) or `bybit`: the exchange API the venue speaks. */
  readonly dialect?: string;
  /** `ETH=0.5,USDT=100000`: the starting balances (a drill's ghost position). */
  readonly balances?: string;
  /** The fill model (SEMANTICS §9.4): `--fees` (default 10/10 bps, RECEIVED), `--no-size-limits`, … */
  readonly fees?: FeeSchedule;
  readonly sizeLimits?: boolean;
  readonly maxDeviationBps?: number;
  readonly latencyMs?: number;
  /** `--no-print-own-fills`: the venue's fills stay off the public trade streams. */
  readonly printOwnFills?: boolean;
}

const readBalances = (text: string): Record<string, number> =>
  Object.fromEntries(
    text.split(',').map((pair) => {
      const [asset = '', amount = ''] = pair.split('=').map((x) => x.trim());
      const n = Number(amount);
      if (!/^[A-Z0-9]{1,20}$/.test(asset) || amount === '' || !Number.isFinite(n) || n < 0)
        return badInput(
          `--balances: must be ASSET=amount pairs like ETH=0.5,USDT=100000, got "${pair}"`,
        );
      return [asset, n];
    }),
  );

const readFaults = async (file: string): Promise<readonly Fault[]> => {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return badInput(
      `${file}: cannot be read as JSON (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const faults = parseFaults(json);
  return faults._tag === 'Left' ? badInput(`${file}: ${faults.left.message}`) : faults.right;
};

/**
 * `smart-orders venue` (CLI.md): a local exchange speaking Binance's API (or Bybit v5's), playing recorded
 * ticks of one market or several (one account), for drills and tests. It runs until it is
 * stopped (SIGINT or SIGTERM).
 */
export const venueCommand = async (args: VenueArgs, io: Io): Promise<void> => {
  const columns = args.columns?.split(',').map((c) => c.trim());
  const files = typeof args.ticks === 'string' ? [args.ticks] : args.ticks;
  const symbols = args.symbol?.split(',').map((s) => s.trim());
  if (symbols !== undefined && symbols.length !== files.length)
    return badInput(
      `--symbol: give one symbol per --ticks file, in the same order (${files.length} files, ${symbols.length} symbols)`,
    );
  const ticks: VenueTick[] = [];
  const served: string[] = [];
  for (const [i, file] of files.entries()) {
    const symbol = symbols?.[i];
    const read = await readTicks(file, {
      ...(symbol === undefined ? {} : { symbol }),
      ...(columns === undefined ? {} : { columns }),
    });
    if (read._tag === 'Left') return badInput(read.left);
    if (read.right.ticks.length === 0) return badInput(`${file}: no ticks`);
    ticks.push(...withQuantities(read.right.ticks, read.right.quantities));
    served.push(...(symbol === undefined ? read.right.symbols : [symbol]));
  }
  const faults = args.faults === undefined ? [] : await readFaults(args.faults);
  const market = args.market ?? 'spot';
  if (market !== 'spot' && market !== 'usdm')
    return badInput(`--market: must be spot or usdm, got "${market}"`);
  const dialect = args.dialect ?? 'binance';
  if (dialect !== 'binance' && dialect !== 'bybit')
    return badInput(`--dialect: must be binance or bybit, got "${dialect}"`);
  const options = {
    ticks,
    // A perpetual's ticks name its pair: BTC/USDT plays BTC/USDT:USDT.
    symbols: [...new Set(served)].map((s) =>
      market === 'usdm' && !s.includes(':') ? `${s}:${s.split('/')[1] ?? ''}` : s,
    ),
    marketType: market as 'spot' | 'usdm',
    dialect: dialect as 'binance' | 'bybit',
    faults,
    ...(args.port === undefined ? {} : { port: args.port }),
    ...(args.speed === undefined ? {} : { speed: args.speed }),
    ...(args.step === true ? { step: true } : {}),
    ...(args.balances === undefined ? {} : { balances: readBalances(args.balances) }),
    ...(args.fees === undefined ? {} : { fees: args.fees }),
    ...(args.sizeLimits === undefined ? {} : { sizeLimits: args.sizeLimits }),
    ...(args.maxDeviationBps === undefined ? {} : { maxDeviationBps: args.maxDeviationBps }),
    ...(args.latencyMs === undefined ? {} : { latencyMs: args.latencyMs }),
    ...(args.printOwnFills === undefined ? {} : { printOwnFills: args.printOwnFills }),
  };
  const checked = checkVenueOptions(options);
  if (checked._tag === 'Left') return badInput(checked.left.message);
  const venue = await startVenue(options);
  // Stop signals are handled before the venue says it listens.
  const signalled = waitForSignal();
  io.out(formatListening(venue.url));
  await signalled;
  await venue.close();
};
