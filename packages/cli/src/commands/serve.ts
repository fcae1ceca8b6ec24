import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename } from 'node:path';
import type { Exchange, ReplayPlan } from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { readPlan, readTicks } from '@smart-orders/replay-files';
import {
  checkServeOptions,
  startServe,
  type LiveFeed,
  type RecordedFeed,
} from '@smart-orders/serve';
import { badInput } from '../cliFailure';
import { openStore, parseStoreUrl } from '../storeUrl';
import type { Io } from './replay';
import { startOperations, type OperationsArgs } from '../operations';

export interface ServeArgs extends OperationsArgs {
  readonly ticks?: string;
  readonly plan?: string;
  readonly symbol?: string;
  readonly columns?: string;
  readonly speed: number;
  readonly paused?: boolean;
  readonly slippageBps?: number;
  readonly exchange: string;
  readonly url?: string;
  readonly sandbox?: boolean;
  readonly store: string;
  readonly host: string;
  readonly port: number;
  readonly token?: string;
  /** `--allowed-host`, repeatable. */
  readonly allowedHost?: string[];
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

const recordedFeed = async (args: ServeArgs): Promise<RecordedFeed> => {
  const ticksFile = args.ticks as string;
  const columns = args.columns?.split(',').map((c) => c.trim());
  const read = await readTicks(ticksFile, {
    ...(args.symbol === undefined ? {} : { symbol: args.symbol }),
    ...(columns === undefined ? {} : { columns }),
  });
  if (read._tag === 'Left') return badInput(read.left);
  let plan: ReplayPlan | undefined;
  let planText = '';
  if (args.plan !== undefined) {
    const planRead = await readPlan(args.plan);
    if (planRead._tag === 'Left') return badInput(planRead.left);
    plan = planRead.right;
    planText = await readFile(args.plan, 'utf8');
  }
  const { ticks } = read.right;
  const checkpointName = `serve:${createHash('sha256')
    .update(`${basename(ticksFile)}\n${ticks.length}\n${args.symbol ?? ''}\n${planText}`)
    .digest('hex')
    .slice(0, 24)}`;
  return {
    kind: 'recorded',
    ticks,
    ...(plan === undefined ? {} : { plan }),
    speed: args.speed,
    paused: args.paused === true,
    checkpointName,
  };
};

/** A live exchange as `run` opens it; loaded only here, so a paper panel never loads ccxt. */
const liveExchange = async (args: ServeArgs, env: NodeJS.ProcessEnv): Promise<Exchange> =>
  (await import('../liveExchange.js')).openLiveExchange(args, env);

const waitForSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

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
  const storeUrl = parseStoreUrl(args.store);
  const feed: RecordedFeed | LiveFeed = paper
    ? await recordedFeed(args)
    : {
        kind: 'live',
        symbols:
          args.symbol
            ?.split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '') ?? [],
      };
  const exchange = paper
    ? getPaperExchange(args.slippageBps === undefined ? {} : { slippageBps: args.slippageBps })
    : await liveExchange(args, env);
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
  const store = await openStore(storeUrl).catch(async (e: unknown) => {
    await ops.close();
    await exchange.close();
    throw e;
  });
  try {
    const serve = await startServe({
      store,
      exchange,
      feed,
      host: args.host,
      port: args.port,
      ...given,
      ...allowed,
      logger: ops.logger,
      metrics: ops.metrics,
    }).catch(refuseAddress(args));
    ops.watch(serve.engine.events$);
    io.out(`listening on ${serve.url}`);
    const signal = await waitForSignal();
    io.err(`${signal}: stopping`);
    await serve.close();
  } finally {
    await ops.close();
    await exchange.close();
    await store.close();
  }
};
