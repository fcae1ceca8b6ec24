import { watchAccount } from '@smart-orders/engine';
import { badInput } from '../cliFailure';
import { formatJsonl } from '../output';
import { openLiveExchange } from '../liveExchange';
import { openStore, parseStoreUrl } from '../storeUrl';
import type { Io } from './replay';

export interface WatchdogArgs {
  readonly store: string;
  readonly exchange: string;
  readonly url?: string;
  readonly sandbox?: boolean;
  readonly maxSilence: number;
  readonly account?: string;
  readonly pollMs?: number;
}

/**
 * `smart-orders watchdog` (CLI.md): the dead man's switch, in a process of its own with its own
 * exchange connection. It prints the events it records (jsonl) and runs until it is stopped
 * (SIGINT, SIGTERM).
 */
export const watchdogCommand = async (
  args: WatchdogArgs,
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> => {
  if (args.exchange === 'paper')
    badInput(
      '--exchange: paper lives inside the engine that runs it and dies with it; the watchdog needs a live exchange (binance, bybit, …, or a venue with --url)',
    );
  if (!(args.maxSilence > 0))
    badInput(`--max-silence: must be a number of seconds > 0, got ${args.maxSilence}`);
  const storeUrl = parseStoreUrl(args.store);
  const exchange = openLiveExchange(args, env);
  const store = await openStore(storeUrl);
  const accountId = args.account ?? 'default';
  const watchdog = watchAccount({
    store,
    exchange,
    accountId,
    maxSilenceMs: args.maxSilence * 1_000,
    ...(args.pollMs === undefined ? {} : { pollMs: args.pollMs }),
    onEvents: (events) => events.forEach((e) => io.out(formatJsonl(e))),
    onWarning: (m) => io.err(`warning: ${m}`),
  });
  const stop = (): void => watchdog.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await watchdog.prepare();
    io.err(`watching account-${accountId}: acting after ${args.maxSilence} s without a heartbeat`);
    await watchdog.run();
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await exchange.close();
    await store.close();
  }
};
