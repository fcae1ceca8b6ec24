import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { DEFAULT_ACCOUNT_ID } from '@smart-orders/core';
import { createEngine, createLogger, type Engine } from '@smart-orders/engine';
import type { ApiContext } from './http/apiRoutes';
import { createPanelHttpServer } from './http/panelHttpServer';
import { createRequestGuard } from './http/requestGuard';
import type { Market, MarketStatus } from './market/market';
import { createLiveMarket } from './market/liveMarket';
import { createPriceHistory } from './market/priceHistory';
import { createRecordedMarket } from './market/recordedMarket';
import { createOrderBoard } from './orderBoard';
import { createPushHub } from './push/pushHub';
import { checkServeOptions, type ServeOptions } from './serveOptions';

export interface Serve {
  /** `http://HOST:PORT`: the page at `/`, the API under `/api/`, the WebSocket at `/ws`. */
  readonly url: string;
  readonly port: number;
  readonly engine: Engine;
  readonly market: Market;
  /** Stops the ticks, waits for the engine's work in flight, closes every connection. The store and exchange stay open. */
  close(): Promise<void>;
}

/** How often the market bar and the chart's price line are pushed. */
const MARKET_PUSH_MS = 250;

export const DEFAULT_WEB_ROOT = resolve(__dirname, '../dist/web');

/**
 * The Smart Orders panel's server: one engine on the given store and exchange, fed by a
 * recorded replay or the exchange's market data, behind the HTTP API, the WebSocket and the
 * page. Rejects with an Error carrying a `code` when the options are unsafe or unusable.
 */
export const startServe = async (options: ServeOptions): Promise<Serve> => {
  const bad = checkServeOptions(options);
  if (bad !== null) throw Object.assign(new Error(bad.message), { code: bad.code });
  const { store, exchange, feed } = options;
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? createLogger();
  const warn = (message: string): void => logger.warn({ component: 'serve' }, message);
  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;

  const engine = createEngine({
    store,
    exchange,
    logger,
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    // Live, the engine guards `default` by itself; the feed's symbols tell it which base
    // balances to read, so that coins held before the panel started stay outside its position.
    account:
      options.account ??
      (feed.kind === 'live' ? { id: DEFAULT_ACCOUNT_ID, symbols: feed.symbols } : false),
  });
  const board = createOrderBoard();
  const prices = createPriceHistory();
  let market: Market | null = null;
  // Events reach the clients through the store's feed, a moment after the engine commits
  // them: the market (how far the replay has played) is shown only once the board has read
  // every event this engine committed, so a client that sees "played n" has tick n's events.
  let committed = 0;
  const caughtUp = () => board.position() >= committed;
  let shownStatus: MarketStatus | null = null;
  const marketStatus = () =>
    caughtUp() || shownStatus === null ? (market as Market).status() : shownStatus;
  const hub = createPushHub({ store, board, marketStatus, onWarning: warn });
  const subscriptions = [
    engine.orders$.subscribe((view) => {
      board.noteView(view);
      hub.order(view);
    }),
    engine.events$.subscribe((event) => (committed = Math.max(committed, event.position))),
  ];
  await engine.start();
  await board.load(store);
  subscriptions.push(
    store.subscribeAll(board.position()).subscribe({
      next: (event) => {
        board.noteEvent(event);
        hub.event(event);
      },
      error: (e: unknown) =>
        warn(`the store's feed failed, the panel no longer shows new events: ${String(e)}`),
    }),
  );
  const onTick = prices.record;
  market =
    feed.kind === 'recorded'
      ? await createRecordedMarket({
          engine,
          store,
          exchangeId: exchange.id,
          feed,
          onTick,
          onWarning: warn,
        })
      : createLiveMarket({ engine, exchange, feed, onTick, onWarning: warn });

  const guard = createRequestGuard({
    host,
    ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  const ctx: ApiContext = {
    engine,
    store,
    board,
    market,
    prices,
    guard,
    exchangeId: exchange.id,
    onWarning: warn,
    token: options.token,
    cancelSignals: new Set(),
  };

  const server = createPanelHttpServer(ctx, hub, webRoot);

  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', fail);
        done();
      });
    });
  } catch (e) {
    hub.close();
    subscriptions.forEach((s) => s.unsubscribe());
    await engine.stop();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  market.start();
  let lastStatus = '';
  const pushMarket = setInterval(() => {
    if (!caughtUp()) return;
    const points = prices.drain();
    shownStatus = (market as Market).status();
    const status = JSON.stringify(shownStatus);
    if (status === lastStatus && Object.keys(points).length === 0) return;
    lastStatus = status;
    hub.market(points);
  }, MARKET_PUSH_MS);

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    engine,
    market,
    async close() {
      clearInterval(pushMarket);
      await (market as Market).stop();
      await engine.stop();
      hub.close();
      subscriptions.forEach((s) => s.unsubscribe());
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
};
