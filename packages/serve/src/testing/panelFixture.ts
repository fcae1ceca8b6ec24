import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EventStore } from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { readTicks } from '@smart-orders/replay-files';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import { startServe, type Serve } from '../startServe';
import type { ServeOptions } from '../serveOptions';

export const repoRoot = resolve(__dirname, '../../../..');
export const ethTicksFile = join(
  repoRoot,
  'examples/data/binance-spot_ETHUSDT_trades_20240809.csv',
);
/** The recording's first trade: 2024-08-09T00:00:01.550Z at 2682.51. */
export const ETH_FIRST_TS = 1723161601550;

export interface Panel {
  readonly serve: Serve;
  readonly store: EventStore;
  readonly dir: string;
  /** `fetch` on the panel: JSON in and out, as the page sends it. */
  api(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    // The answers have a dozen shapes, errors included; tests read them as they come.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * A panel as `smart-orders serve` runs it: a SQLite file, the paper exchange, the recorded
 * ETH/USDT trades, paused before the first tick unless told otherwise.
 */
export const startPanel = async (
  options: Partial<Omit<ServeOptions, 'store' | 'exchange' | 'feed'>> & {
    readonly speed?: number;
    readonly paused?: boolean;
    readonly dir?: string;
    /** Wraps the SQLite store, to observe it (commit times, say). */
    readonly wrapStore?: (store: EventStore) => EventStore;
  } = {},
): Promise<Panel> => {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'serve-'));
  const sqlite = getSqliteEventStore(join(dir, 'orders.sqlite'));
  const store = options.wrapStore?.(sqlite) ?? sqlite;
  const read = await readTicks(ethTicksFile, { symbol: 'ETH/USDT' });
  if (read._tag === 'Left') throw new Error(read.left.message);
  const {
    wrapStore: _wrapStore,
    dir: _dir,
    speed: _speed,
    paused: _paused,
    ...serveOptions
  } = options;
  const serve = await startServe({
    ...serveOptions,
    store,
    exchange: getPaperExchange(),
    feed: {
      kind: 'recorded',
      ticks: read.right.ticks,
      speed: options.speed ?? 1,
      paused: options.paused ?? true,
      checkpointName: 'serve:test',
    },
  });
  return {
    serve,
    store,
    dir,
    async api(method, path, body, headers = {}) {
      const res = await fetch(`${serve.url}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined
          ? {}
          : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? null : JSON.parse(text) };
    },
    async close() {
      await serve.close();
      await store.close();
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** A long on ETH/USDT the recording takes through both TP levels. */
export const ethLong = (orderId: string) => ({
  orderId,
  symbol: 'ETH/USDT',
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [
    { price: 2683, sizePct: 50 },
    { price: 2684, sizePct: 50 },
  ],
  stopLoss: { price: 2660 },
});
