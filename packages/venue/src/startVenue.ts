import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeLocal, listenLocal } from './localServer';
import { isLeft, left, right, type Either } from 'fp-ts/Either';
import { fillModelConfig } from '@smart-orders/core';
import { createAccount } from './account';
import { handleControl, type Advanced } from './controlApi';
import { createFaultBook } from './faultBook';
import { parseJsonBody, readBody, sendJson } from './httpMessages';
import { createListenKeys } from './listenKeys';
import { createMarketFeed } from './marketFeed';
import { createMarketFills } from './marketFills';
import { createMatchingEngine, createOrderIds } from './matchingEngine';
import { createOrderLog } from './orderLog';
import { mergeQuote } from './quote';
import { createReportDelivery } from './reportDelivery';
import { createRateLimiter } from './rateLimits';
import { handleRest, SPOT_ROUTES } from './restApi';
import { FAPI_ROUTES } from './usdm/fapiEndpoints';
import { fapiExchangeInfoJson } from './usdm/futuresMessages';
import { createUsdmVenue } from './usdm/usdmVenue';
import { authenticateWsApi } from './restAuth';
import { startBybitVenue } from './bybit/bybitVenue';
import { createStreamHub } from './streamHub';
import { createTickPlayer } from './tickPlayer';
import { accountPositionJson, executionReportJson } from './userDataMessages';
import { venueError, type VenueError } from './venueError';
import { checkVenueOptions, type VenueOptions } from './venueOptions';
import { spotControlAccount, spotControlOrders } from './spotControl';
import { venueMarkets } from './venueMarkets';
import type { VenueTick } from './venueTick';

export interface Venue {
  /** `http://127.0.0.1:PORT`: REST under `/api/v3`, WebSocket under `/ws`, `/stream`, `/ws-api/v3`. */
  readonly url: string;
  readonly port: number;
  /** The markets served, `BASE/QUOTE`. */
  readonly symbols: readonly string[];
  /** Step mode: plays the next n ticks now. */
  advance(n: number): Either<VenueError, Advanced>;
  close(): Promise<void>;
}

/**
 * Starts a local Binance-spot look-alike on 127.0.0.1, one or several markets on one account
 * (or, with `dialect: 'bybit'`, the same venue speaking Bybit v5: `bybit/bybitVenue.ts`).
 * Rejects with an Error carrying the VenueError `code` when the options are unusable (no ticks
 * for a symbol, bad speed, …).
 */
export const startVenue = async (options: VenueOptions): Promise<Venue> => {
  const checked = checkVenueOptions(options);
  if (isLeft(checked))
    throw Object.assign(new Error(checked.left.message), { code: checked.left.code });
  if (checked.right.dialect === 'bybit') return startBybitVenue(checked.right);
  const { markets, ticks, port, mode, credentials, balances, serverClock } = checked.right;
  const usdmMarkets = checked.right.marketType === 'usdm' ? markets : [];
  const spotMarkets = checked.right.marketType === 'spot' ? markets : [];

  const faults = createFaultBook(checked.right.faults);
  const limiter = createRateLimiter(checked.right.rateLimits);
  const orderLog = createOrderLog();
  const listenKeys = createListenKeys();
  let tradeId = 0;
  const nextTradeId = () => ++tradeId;
  let cancelId = 0;
  const nextCancelId = () => `venuecancel-${++cancelId}`;
  let reportSeq = 0;
  // The venue's clock: the recorded time of the last tick played, of whichever market.
  let now = ticks[0]?.ts ?? 0;
  const clock = () => now;

  const hub = createStreamHub({
    isListenKey: listenKeys.has,
    authorize: (params) => authenticateWsApi(credentials, params, serverClock()),
    now: serverClock,
  });
  const reports = createReportDelivery(hub, faults);
  const account = createAccount(balances);
  const orderIds = createOrderIds();
  const listener = {
    execution: (r: Parameters<typeof executionReportJson>[0]) =>
      reports.deliver(executionReportJson(r, ++reportSeq), r.ts),
    account: (ts: number, lines: Parameters<typeof accountPositionJson>[1]) =>
      hub.publishUserData(accountPositionJson(ts, lines)),
  };
  const slots = spotMarkets.map((market) => {
    const feed = createMarketFeed(market, hub, nextTradeId);
    const engine = createMatchingEngine({
      market,
      account,
      marketClosed: faults.marketClosed,
      clock,
      orderIds,
      nextTradeId,
      listener,
      fills: createMarketFills(market.symbol, checked.right.fills),
      printed: checked.right.printOwnFills ? feed.ownFill : () => undefined,
    });
    return { market, engine, feed, stats: feed.stats };
  });
  const book = venueMarkets(slots);
  const usdm =
    usdmMarkets.length === 0
      ? null
      : createUsdmVenue({
          markets: usdmMarkets,
          balance: balances[usdmMarkets[0]?.quote ?? 'USDT'] ?? 0,
          maintenanceMarginRate: checked.right.maintenanceMarginRate,
          clock,
          serverClock,
          hub,
          reports,
          faults,
          orderLog,
          listenKeys,
          nextTradeId,
          fills: checked.right.fills,
          printOwnFills: checked.right.printOwnFills,
        });
  const fapi = usdm?.context ?? null;

  const fireDue = (ts: number) => {
    for (const due of faults.due(ts)) {
      if ('closeWebSocket' in due) hub.dropAll();
      // An off-market print lands on the first market's trade stream: a fault names no symbol.
      else if (usdm !== null) usdm.offMarketPrint(due.offMarketPrint, Math.max(due.at, now));
      else slots[0]?.feed.offMarketPrint(due.offMarketPrint, Math.max(due.at, now));
    }
  };
  const play = (tick: VenueTick) => {
    // Faults due by this tick fire before it, at the time they were due (or the last tick's).
    fireDue(tick.ts);
    now = tick.ts;
    if (usdm !== null) return usdm.play(tick);
    const slot = book.forTick(tick.symbol) as (typeof slots)[number];
    slot.feed.tick(tick, mergeQuote(slot.engine.quote(), tick));
    slot.engine.applyTick(tick);
  };
  const player = createTickPlayer(ticks, play, mode);
  const advance = (n: number): Either<VenueError, Advanced> => {
    if (!mode.step)
      return left(
        venueError('NOT_STEP_MODE', 'advance needs a venue started with --step (step: true)'),
      );
    const played = player.advance(n);
    return right({ played, remaining: player.total() - player.played(), now });
  };

  const unanswered = new Set<ServerResponse>();
  const balancesNow = () => account.lines();
  const context = {
    markets: book,
    now: clock,
    serverTime: serverClock,
    balances: balancesNow,
    faults,
    orderLog,
    listenKeys,
    nextCancelId,
  };
  const control = {
    orders: () => usdm?.controlOrders() ?? spotControlOrders(orderLog, book),
    account: () => usdm?.controlAccount() ?? spotControlAccount(account.lines(), book),
    faults: faults.list,
    addFaults: (added: Parameters<typeof faults.add>[0]) => {
      faults.add(added);
      fireDue(now);
    },
    advance,
    state: () => ({
      symbols: markets.map((m) => m.symbol),
      mode: mode.step ? 'step' : 'realtime',
      ...(mode.step ? {} : { speed: mode.speed }),
      now,
      ticksPlayed: player.played(),
      ticksTotal: player.total(),
      marketType: checked.right.marketType,
      // How the venue fills, as configured: an operator reads what a drill's venue charges.
      fills: {
        ...fillModelConfig(checked.right.fills),
        printOwnFills: checked.right.printOwnFills,
      },
      markets:
        usdm?.books() ?? Object.fromEntries(slots.map((s) => [s.market.symbol, s.engine.quote()])),
      ...hub.listeners(),
      executionReports: reports.counts(),
      unansweredRequests: unanswered.size,
      requestLimits: limiter.counts(),
    }),
  };

  const serve = (req: IncomingMessage, res: ServerResponse, rawBody: string) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/control/')) {
      const body = parseJsonBody(rawBody);
      if (!body.ok) return sendJson(res, 400, venueError('INVALID_REQUEST', body.message));
      const answer = handleControl(control, method, url.pathname, body.value);
      return sendJson(res, answer.status, answer.body);
    }
    const rawQuery = url.search.slice(1);
    const params = {
      ...Object.fromEntries(new URLSearchParams(rawQuery)),
      ...Object.fromEntries(new URLSearchParams(rawBody)),
    };
    const raw = { headers: req.headers, rawQuery, rawBody, params };
    const server = {
      credentials,
      limiter,
      orderLog,
      now: clock,
      accountReadsRefused: faults.accountReadsRefused,
    };
    const answer =
      url.pathname.startsWith('/fapi/') && fapi !== null
        ? handleRest(server, FAPI_ROUTES, fapi, serverClock(), method, url.pathname, raw)
        : // A spot venue lists no USDⓈ-M market, so a client loading both kinds finds its own.
          url.pathname === '/fapi/v1/exchangeInfo'
          ? { status: 200, body: fapiExchangeInfoJson([], serverClock()) }
          : handleRest(server, SPOT_ROUTES, context, serverClock(), method, url.pathname, raw);
    if (!('unanswered' in answer)) return sendJson(res, answer.status, answer.body, answer.headers);
    unanswered.add(res);
    res.on('close', () => unanswered.delete(res));
  };
  const server = createServer((req, res) => {
    readBody(req)
      .then((rawBody) => serve(req, res, rawBody))
      .catch((e: unknown) => {
        // A venue bug must answer, not hang the client like an injected fault would.
        if (!res.headersSent)
          sendJson(res, 500, { code: -1000, msg: `venue failure: ${String(e)}` });
        else res.destroy();
      });
  });
  server.on('upgrade', hub.upgrade);

  const bound = await listenLocal(server, port);
  player.start();

  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    symbols: markets.map((m) => m.symbol),
    advance,
    close: async () => {
      player.stop();
      reports.close();
      hub.close();
      unanswered.forEach((res) => res.socket?.destroy());
      await closeLocal(server);
    },
  };
};
