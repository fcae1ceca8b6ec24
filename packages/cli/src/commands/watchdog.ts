import { existsSync } from 'node:fs';
import { Subject } from 'rxjs';
import type { AccountState } from '@smart-orders/core';
import {
  accountStream,
  leaseStream,
  logEvents,
  watchAccount,
  type EventStore,
  type StoredEvent,
} from '@smart-orders/engine';
import { startOperations, type Operations, type OperationsArgs } from '../operations';
import { badInput } from '../cliFailure';
import { formatJsonl } from '../output';
import { openLiveExchange } from '../liveExchange';
import { openStore, parseStoreUrl } from '../storeUrl';
import type { Io } from './replay';

export interface WatchdogArgs extends OperationsArgs {
  readonly store: string;
  readonly exchange: string;
  readonly url?: string;
  readonly sandbox?: boolean;
  readonly maxSilence: number;
  readonly account?: string;
  readonly pollMs?: number;
  /** The partition whose lease the account's engines hold (default: the account id). */
  readonly partition?: string;
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
  if (storeUrl.kind === 'memory')
    badInput(
      "--store: memory: holds no engine's account; the watchdog reads the store of a running engine (sqlite:PATH, postgres://…, esdb://…)",
    );
  // Opening a missing SQLite file would create an empty store, and the watchdog would watch nothing.
  if (storeUrl.kind === 'sqlite' && !existsSync(storeUrl.path as string))
    badInput(
      `--store: ${storeUrl.path as string} does not exist; give the store of the engine to watch`,
    );
  const accountId = args.account ?? 'default';
  const partition = args.partition ?? accountId;
  const exchange = openLiveExchange(args, env);
  const store = await openStore(storeUrl);
  let lastHeartbeatTs: number | null;
  let ops: Operations;
  try {
    lastHeartbeatTs = await accountOnStore(store, accountId, args.store);
    ops = await startOperations(args, 'watchdog', io, env);
  } catch (error) {
    await exchange.close();
    await store.close();
    throw error;
  }
  // The watchdog has no engine: its metrics follow the account as each look finds it, and
  // the events it records itself.
  let account: AccountState | undefined;
  const recorded = new Subject<StoredEvent>();
  ops.metrics.attach({ events$: recorded, openOrders: () => [], account: () => account });
  logEvents(recorded, ops.logger);
  ops.watch(recorded);
  const watchdog = watchAccount({
    store,
    exchange,
    accountId,
    maxSilenceMs: args.maxSilence * 1_000,
    partition,
    ...(args.pollMs === undefined ? {} : { pollMs: args.pollMs }),
    onEvents: (events) =>
      events.forEach((e) => {
        recorded.next(e);
        io.out(formatJsonl(e));
      }),
    onState: (state) => (account = state),
    logger: ops.logger,
  });
  const stop = (): void => watchdog.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const prepared = await watchdog.prepare();
    if (prepared._tag === 'Left')
      badInput(
        `--exchange: the watchdog cannot read the account on ${args.exchange} through its own connection (${prepared.left.message}); it would be blind when it must act`,
      );
    const beat =
      lastHeartbeatTs === null
        ? 'no heartbeat yet: watching from the first one'
        : `last heartbeat ${((Date.now() - lastHeartbeatTs) / 1_000).toFixed(1)} s ago`;
    io.err(
      `watching account-${accountId}: acting after ${args.maxSilence} s without a heartbeat (${beat}); a standby taking lease-${partition} over counts as one`,
    );
    const leaseMs = await leaseDurationOf(store, partition);
    if (leaseMs !== null && args.maxSilence * 1_000 <= leaseMs * 1.1)
      io.err(
        `warning: --max-silence ${args.maxSilence} s is not above lease-${partition}'s ${leaseMs} ms plus one renewal: the watchdog flattens the account before a standby can take over`,
      );
    await watchdog.run();
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await ops.close();
    await exchange.close();
    await store.close();
  }
};

/**
 * The account's last heartbeat time (null before the first). An account the store does not hold
 * is refused: a mistyped `--account` or store would otherwise be watched for ever, in vain.
 */
const accountOnStore = async (
  store: EventStore,
  accountId: string,
  storeArg: string,
): Promise<number | null> => {
  const events = await store.readStream(accountStream(accountId));
  if (events.length === 0)
    badInput(
      `--account: ${storeArg} holds no account "${accountId}" (no stream account-${accountId}); an engine writes it when it starts live, so start the engine first or name its account`,
    );
  const beats = events.filter((e) => e.type === 'HeartbeatRecorded');
  return beats.length === 0 ? null : (beats[beats.length - 1] as { ts: number }).ts;
};

/** How long the partition's engines take their lease for (null: no engine took one yet). */
const leaseDurationOf = async (store: EventStore, partition: string): Promise<number | null> => {
  const last = (await store.readStream(leaseStream(partition))).at(-1);
  const until = (last?.data as { until?: unknown } | undefined)?.until;
  return last === undefined || last.type === 'EngineLeaseReleased' || typeof until !== 'number'
    ? null
    : until - last.ts;
};
