import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename } from 'node:path';
import {
  ownedExchange,
  ownedStore,
  type EventStore,
  type Exchange,
  type PartitionOwnership,
  type ReplayPlan,
} from '@smart-orders/engine';
import type { CcxtExchange } from '@smart-orders/exchange-ccxt';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { DEFAULT_ACCOUNT_ID, readPlan, readTicks } from '@smart-orders/replay-files';
import {
  checkServeOptions,
  startServe,
  type LiveFeed,
  type RecordedFeed,
} from '@smart-orders/serve';
import type { FillModelConfig, PaperFillsSection } from '@smart-orders/core';
import { badInput } from '../cliFailure';
import { checkLeaseMs, checkPartitionKey, DEFAULT_LEASE_MS, holdPartition } from '../holdPartition';
import { holdReplayWriter } from '../replayWriter';
import { fillsKey, paperFillModel, type PaperFillFlags } from '../paperFillModel';
import { screenTicks } from '../screenTicks';
import { followConnection } from '../followConnection';
import { openStore, parseStoreUrl } from '../storeUrl';
import type { Io } from './replay';
import { startOperations, type OperationsArgs } from '../operations';
import { waitForSignal } from '../waitForSignal';

export interface ServeArgs extends OperationsArgs, PaperFillFlags {
  readonly ticks?: string;
  readonly plan?: string;
  readonly symbol?: string;
  readonly columns?: string;
  readonly speed: number;
  readonly paused?: boolean;
  readonly exchange: string;
  readonly url?: string;
  readonly sandbox?: boolean;
  readonly store: string;
  readonly host: string;
  readonly port: number;
  readonly token?: string;
  /** `--allowed-host`, repeatable. */
  readonly allowedHost?: string[];
  /** Live: the partition whose lease this engine holds (default: the default account's). */
  readonly partition?: string;
  /** Live: wait for the partition's lease for as long as its owner renews it, then take over. */
  readonly standby?: boolean;
  readonly leaseMs?: number;
  /**
   * Live: `false` (`--no-account-protocols`) runs without the account protocols, as an embedder's
   * `account: false`: nothing holds sends at a reconnect and no heartbeat is written.
   */
  readonly accountProtocols?: boolean;
}

/** Binding failures that are the caller's to fix: another port or host will do. */
const BAD_ADDRESS_CODES = new Set(['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND']);

const refuseAddress =
  (args: ServeArgs) =>
  (e: { code?: string; message?: string }): never => {
    if (e.code !== undefined && BAD_ADDRESS_CODES.has(e.code))
      badInput(`--host ${args.host} --port ${args.port}: ${e.message ?? e.code}`);
    throw e;
  };

/** A port in use is found before the store is opened, so that bad input writes nothing. */
const probeAddress = (host: string, port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  });

/** The recording and plan to replay, the account they write (the plan's, or `default`), and the fill model its paper exchange fills with (SEMANTICS §9.4). */
const recordedFeed = async (
  args: ServeArgs,
  io: Io,
): Promise<{ feed: RecordedFeed; accountId: string; fills: FillModelConfig }> => {
  const ticksFile = args.ticks as string;
  const columns = args.columns?.split(',').map((c) => c.trim());
  const read = await readTicks(ticksFile, {
    ...(args.symbol === undefined ? {} : { symbol: args.symbol }),
    ...(columns === undefined ? {} : { columns }),
  });
  if (read._tag === 'Left') return badInput(read.left);
  let plan: ReplayPlan | undefined;
  let paperSection: PaperFillsSection | undefined;
  let planText = '';
  let accountId = DEFAULT_ACCOUNT_ID;
  if (args.plan !== undefined) {
    const planRead = await readPlan(args.plan);
    if (planRead._tag === 'Left') return badInput(planRead.left);
    plan = planRead.right;
    accountId = planRead.right.account.id;
    paperSection = planRead.right.paper;
    planText = await readFile(args.plan, 'utf8');
  }
  const recorded = read.right.ticks;
  const { fills, maxDeviationBps } = paperFillModel(args, paperSection);
  const screened = screenTicks(recorded, maxDeviationBps);
  if (screened.offMarket + screened.deviating > 0)
    io.err(
      `prints not acted on: ${screened.offMarket} flagged off-market, ${screened.deviating} beyond ${maxDeviationBps ?? '—'} bps of the median`,
    );
  // The version 1 fill model adds nothing to the name, so a panel started before fees resumes.
  const fillsPart =
    fillsKey(fills) === '' && maxDeviationBps === undefined
      ? ''
      : `${maxDeviationBps ?? ''}\n${fillsKey(fills)}`;
  const checkpointName = `serve:${createHash('sha256')
    .update(
      `${basename(ticksFile)}\n${recorded.length}\n${args.symbol ?? ''}\n${fillsPart}${planText}`,
    )
    .digest('hex')
    .slice(0, 24)}`;
  return {
    feed: {
      kind: 'recorded',
      ticks: screened.ticks,
      ...(plan === undefined ? {} : { plan }),
      speed: args.speed,
      paused: args.paused === true,
      checkpointName,
    },
    accountId,
    fills,
  };
};

/** A live exchange as `run` opens it; loaded only here, so a paper panel never loads ccxt. */
const liveExchange = async (args: ServeArgs, env: NodeJS.ProcessEnv): Promise<CcxtExchange> =>
  (await import('../liveExchange.js')).openLiveExchange(args, env);

/**
 * `smart-orders serve`: the Smart Orders panel. The paper exchange on a recorded tick file
 * played in real time × `--speed`, or a live exchange (`--exchange`, `--url` for a venue),
 * on a durable store. Prints `listening on URL` once it accepts connections; SIGINT or
 * SIGTERM stops the ticks, waits for the work in flight and closes the store.
 */
export const serveCommand = async (
  args: ServeArgs,
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> => {
  const paper = args.exchange === 'paper';
  if (paper && args.ticks === undefined)
    badInput(
      '--ticks: the paper exchange replays a recorded tick file; give --ticks FILE, or --exchange ID for a live exchange',
    );
  if (!paper && (args.ticks !== undefined || args.plan !== undefined))
    badInput(
      `--ticks and --plan replay a recording on the paper exchange; --exchange ${args.exchange} trades on its own market data`,
    );
  if (paper && [args.partition, args.standby, args.leaseMs].some((a) => a !== undefined))
    badInput(
      '--partition, --standby and --lease-ms: a lease is taken by an engine that trades live (--exchange ID); on paper one panel at a time replays into a store, without a lease',
    );
  if (paper && args.accountProtocols === false)
    badInput(
      '--no-account-protocols: the protocols guard an account on a live exchange (--exchange ID); on paper the panel guards none',
    );
  checkPartitionKey(args.partition);
  const leaseMs = checkLeaseMs(args.leaseMs ?? DEFAULT_LEASE_MS);
  const storeUrl = parseStoreUrl(args.store);
  const recorded = paper ? await recordedFeed(args, io) : null;
  const feed: RecordedFeed | LiveFeed = recorded?.feed ?? {
    kind: 'live',
    symbols:
      args.symbol
        ?.split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '') ?? [],
  };
  const live = recorded === null ? await liveExchange(args, env) : undefined;
  const exchange: Exchange =
    live ?? getPaperExchange(recorded === null ? {} : { fills: recorded.fills });
  const token = args.token ?? env['SMART_ORDERS_TOKEN'];
  const given = token === undefined || token === '' ? {} : { token };
  const allowed = args.allowedHost === undefined ? {} : { allowedHosts: args.allowedHost };
  const unsafe = checkServeOptions({
    feed,
    host: args.host,
    port: args.port,
    ...given,
    ...allowed,
  });
  if (unsafe !== null) badInput(unsafe.message);
  await probeAddress(args.host, args.port).catch(refuseAddress(args));
  const ops = await startOperations(args, 'serve', io, env).catch(async (e: unknown) => {
    await exchange.close();
    throw e;
  });
  const opened = await openStore(storeUrl).catch(async (e: unknown) => {
    await ops.close();
    await exchange.close();
    throw e;
  });
  let ownership: PartitionOwnership | null = null;
  try {
    let store: EventStore;
    let trading: Exchange = exchange;
    if (recorded !== null) {
      // On paper the panel replays a recording into the store, like `replay`: one writer of the
      // account at a time, by the store's writer lock, which leaves nothing in the log.
      store = (await holdReplayWriter(opened, storeUrl, recorded.accountId, io, 'serve')).store;
    } else {
      // Live it trades like `run`: it owns its partition by a lease before it reads or writes
      // anything, fences every batch with its epoch and sends nothing once the lease is lost.
      ownership = await holdPartition(
        opened,
        { key: args.partition ?? DEFAULT_ACCOUNT_ID, standby: args.standby === true, leaseMs },
        io,
      );
      store = ownedStore(opened, ownership);
      trading = ownedExchange(exchange, ownership);
    }
    const serve = await startServe({
      store,
      exchange: trading,
      feed,
      host: args.host,
      port: args.port,
      ...given,
      ...allowed,
      logger: ops.logger,
      metrics: ops.metrics,
      ...(args.accountProtocols === false ? { account: false as const } : {}),
    }).catch(refuseAddress(args));
    ops.watch(serve.engine.events$);
    if (args.accountProtocols === false)
      io.err(
        'account protocols off (--no-account-protocols): no reconciliation gate at start or after a reconnect, no heartbeats (a watchdog cannot watch this engine), no stale-data guard',
      );
    // Live, as in `run`: the gate closes when the order stream fails and compares again once back.
    const connection =
      live === undefined ? undefined : followConnection(live, serve.engine, ops.logger);
    // Stop signals are handled before the panel says it listens.
    const signalled = waitForSignal();
    io.out(`listening on ${serve.url}`);
    // A live panel that lost its lease has stepped down: it stops and exits 1, saying so.
    const lost: Promise<never> = ownership?.lost ?? new Promise<never>(() => undefined);
    const stepDown = await Promise.race([signalled, lost]).then(
      (signal) => {
        io.err(`${signal}: stopping`);
        return null;
      },
      (loss: unknown) => loss,
    );
    connection?.unsubscribe();
    await serve.close();
    if (stepDown !== null) throw stepDown;
  } finally {
    // Given up, a standby takes the partition at once instead of waiting for the lease to run out.
    await ownership?.release().catch(() => undefined);
    await ops.close();
    await exchange.close();
    // Closing the store gives its writer lock up.
    await opened.close();
  }
};
