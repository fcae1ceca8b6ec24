import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeLocal, listenLocal } from '../localServer';
import { left, right, type Either } from 'fp-ts/Either';
import { add, fillModelConfig } from '@smart-orders/core';
import { createAccount } from '../account';
import { handleControl, type Advanced } from '../controlApi';
import type { ExecutionReport } from '../executionReport';
import { createFaultBook } from '../faultBook';
import { parseJsonBody, readBody, sendJson } from '../httpMessages';
import { createMarketFills } from '../marketFills';
import { createMatchingEngine, createOrderIds } from '../matchingEngine';
import { createOrderLog } from '../orderLog';
import { createReportDelivery } from '../reportDelivery';
import { spotControlAccount, spotControlOrders } from '../spotControl';
import type { Venue } from '../startVenue';
import { createTickPlayer } from '../tickPlayer';
import { venueError, type VenueError } from '../venueError';
import { venueMarkets, type VenueMarkets } from '../venueMarkets';
import type { CheckedOptions } from '../venueOptions';
import type { VenueTick } from '../venueTick';
import { authenticateBybit, authenticateBybitSocket, notServed } from './bybitAuth';
import {
  bybitBody,
  PRIVATE_ENDPOINTS,
  PUBLIC_ENDPOINTS,
  usdPrices,
  type BybitContext,
} from './bybitEndpoints';
import { paramError } from './bybitError';
import {
  bybitExecutionJson,
  bybitOrderJson,
  walletJson,
  type BybitOrderExtra,
} from './bybitMessages';
import { type BybitParams } from './bybitOrder';
import { createBybitStreams, type PrivateEvent } from './bybitStreams';
import { isLinearRequest, LINEAR_ENDPOINTS } from './linearEndpoints';
import { createLinearVenue } from './linearVenue';
import { createPublicTrades } from './publicTrades';
import { createBybitRateLimiter } from './bybitRateLimits';

/**
 * The venue speaking Bybit v5 (`--dialect bybit`) under `/v5/...`, with Bybit's envelopes,
 * HMAC headers, `retCode` errors and WebSockets (`/v5/public/spot`, `/v5/public/linear`,
 * `/v5/private`): spot markets on the same account, matching engine, fills and fees as the
 * Binance dialect's spot, or (`marketType: 'usdm'`) USDT perpetuals as `category=linear` on
 * the futures engine of its USDⓈ-M side (`linearVenue.ts`).
 */
export const startBybitVenue = async (checked: CheckedOptions): Promise<Venue> => {
  const { ticks, port, mode, credentials, balances, serverClock } = checked;
  const linearMarkets = checked.marketType === 'usdm' ? checked.markets : [];
  const markets = checked.marketType === 'spot' ? checked.markets : [];
  const faults = createFaultBook(checked.faults);
  const limiter = createBybitRateLimiter(checked.bybitRateLimits);
  const orderLog = createOrderLog();
  let tradeId = 0;
  const nextTradeId = () => ++tradeId;
  let now = ticks[0]?.ts ?? 0;
  const clock = () => now;

  const streams = createBybitStreams({
    authorize: (args) => authenticateBybitSocket(credentials, args, serverClock()),
    now: serverClock,
  });
  // Order and execution messages go out through the report faults, as the Binance dialect's do.
  const reports = createReportDelivery(
    { publishUserData: (event) => streams.publishPrivate(event as PrivateEvent) },
    faults,
  );
  const account = createAccount(balances);
  const orderIds = createOrderIds();
  const units = new Map<number, BybitOrderExtra['marketUnit']>();
  const fees = new Map<number, Map<string, number>>();
  const cancelled = new Set<number>();
  const extra = (orderId: number): BybitOrderExtra => ({
    marketUnit: units.get(orderId) ?? null,
    fees: fees.get(orderId) ?? new Map(),
    cancelledByUser: cancelled.has(orderId),
  });
  // The engine reports an order's NEW before the create answer says its unit: held back until then.
  const pending: ExecutionReport[] = [];
  const marketOf = new Map(markets.map((m) => [m.id, m]));
  const deliver = (r: ExecutionReport) => {
    if (r.trade !== null) {
      const byAsset = fees.get(r.order.orderId) ?? new Map<string, number>();
      byAsset.set(
        r.trade.commissionAsset,
        add(byAsset.get(r.trade.commissionAsset) ?? 0, r.trade.commission),
      );
      fees.set(r.order.orderId, byAsset);
    }
    const x = extra(r.order.orderId);
    reports.deliver({ topic: 'order', data: [bybitOrderJson(r.order, x)] }, r.ts);
    const market = marketOf.get(r.order.symbol);
    if (r.trade !== null && market !== undefined)
      reports.deliver(
        { topic: 'execution', data: [bybitExecutionJson(market, r.order, r.trade, x)] },
        r.ts,
      );
  };
  let placing = false;
  // Declared before the markets exist; it reads them only once ticks or requests arrive.
  let book: VenueMarkets = venueMarkets([]);
  const publishWallet = () =>
    streams.publishPrivate({
      topic: 'wallet',
      data: [walletJson(account.lines(), usdPrices(book))],
    });
  const listener = {
    execution: (r: ExecutionReport) => (placing ? pending.push(r) : deliver(r)),
    account: () => {
      if (!placing) publishWallet();
    },
  };
  const slots = markets.map((market) => {
    const feed = createPublicTrades(market, streams.publishPublic);
    const engine = createMatchingEngine({
      market,
      account,
      marketClosed: faults.marketClosed,
      clock,
      orderIds,
      nextTradeId,
      listener,
      fills: createMarketFills(market.symbol, checked.fills),
      printed: checked.printOwnFills ? feed.ownFill : () => undefined,
    });
    return { market, engine, feed, stats: feed.stats };
  });
  book = venueMarkets(slots);
  const feeRates = fillModelConfig(checked.fills).fees;
  const linear =
    linearMarkets.length === 0
      ? null
      : createLinearVenue({
          markets: linearMarkets,
          balance: balances[linearMarkets[0]?.settle ?? 'USDT'] ?? 0,
          maintenanceMarginRate: checked.maintenanceMarginRate,
          clock,
          serverClock,
          streams,
          reports,
          faults,
          orderLog,
          nextTradeId,
          fills: checked.fills,
          printOwnFills: checked.printOwnFills,
          fees: feeRates,
        });

  const fireDue = (ts: number) => {
    for (const due of faults.due(ts)) {
      if ('closeWebSocket' in due) streams.dropAll();
      else if (linear !== null)
        linear.offMarketPrint(due.offMarketPrint, Math.max(due.at, now), nextTradeId());
      else slots[0]?.feed.offMarketPrint(due.offMarketPrint, Math.max(due.at, now), nextTradeId());
    }
  };
  const play = (tick: VenueTick) => {
    fireDue(tick.ts);
    now = tick.ts;
    if (linear !== null) return linear.play(tick);
    const slot = book.forTick(tick.symbol) as (typeof slots)[number];
    slot.feed.tick(tick, nextTradeId());
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

  const context: BybitContext = {
    markets: book,
    now: clock,
    serverTime: serverClock,
    balances: () => account.lines(),
    extra,
    placed: (orderId, marketUnit) => units.set(orderId, marketUnit),
    cancelledByUser: (orderId) => cancelled.add(orderId),
    faults,
    orderLog,
    apiKey: credentials.apiKey,
    fees: feeRates,
  };
  const unanswered = new Set<ServerResponse>();
  const control = {
    orders: () => linear?.controlOrders() ?? spotControlOrders(orderLog, book),
    account: () => linear?.controlAccount() ?? spotControlAccount(account.lines(), book),
    faults: faults.list,
    addFaults: (added: Parameters<typeof faults.add>[0]) => {
      faults.add(added);
      fireDue(now);
    },
    advance,
    state: () => ({
      symbols: checked.markets.map((m) => m.symbol),
      dialect: 'bybit',
      mode: mode.step ? 'step' : 'realtime',
      ...(mode.step ? {} : { speed: mode.speed }),
      now,
      ticksPlayed: player.played(),
      ticksTotal: player.total(),
      marketType: checked.marketType,
      markets:
        linear === null
          ? Object.fromEntries(slots.map((s) => [s.market.symbol, s.engine.quote()]))
          : Object.fromEntries(linearMarkets.map((m) => [m.symbol, linear.engine.quote(m.id)])),
      ...streams.listeners(),
      executionReports: reports.counts(),
      unansweredRequests: unanswered.size,
      requestLimits: limiter.counts(),
    }),
  };

  const served = [
    ...new Set([
      ...Object.keys(PUBLIC_ENDPOINTS),
      ...Object.keys(PRIVATE_ENDPOINTS),
      ...(linear === null ? [] : Object.keys(LINEAR_ENDPOINTS)),
    ]),
  ];
  const serve = (req: IncomingMessage, res: ServerResponse, rawBody: string) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/control/')) {
      const body = parseJsonBody(rawBody);
      if (!body.ok) return sendJson(res, 400, venueError('INVALID_REQUEST', body.message));
      const answer = handleControl(control, method, url.pathname, body.value);
      return sendJson(res, answer.status, answer.body);
    }
    const route = `${method} ${url.pathname}`;
    const rawQuery = url.search.slice(1);
    const time = serverClock();
    const ipAdmission = limiter.admitIp(time);
    if (!ipAdmission.admitted) {
      res.writeHead(ipAdmission.error.status, { 'Content-Type': 'text/plain' });
      return res.end(ipAdmission.error.text);
    }
    // A private answer carries its endpoint's limit headers, refused or not.
    let limitHeaders: Readonly<Record<string, string>> = {};
    const reply = (a: Parameters<typeof bybitBody>[0]) =>
      sendJson(res, 200, bybitBody(a, time), limitHeaders);
    let params: BybitParams = Object.fromEntries(new URLSearchParams(rawQuery));
    if (method === 'POST' && rawBody.trim() !== '') {
      const body = parseJsonBody(rawBody);
      if (!body.ok || typeof body.value !== 'object' || body.value === null)
        return reply({ error: paramError(`params error: the body must be a JSON object`) });
      params = body.value as BybitParams;
    }
    const linearEndpoint =
      linear !== null && isLinearRequest(route, params) ? LINEAR_ENDPOINTS[route] : undefined;
    const privateEndpoint =
      linearEndpoint !== undefined
        ? route.startsWith('GET /v5/market/')
          ? undefined
          : linearEndpoint
        : PRIVATE_ENDPOINTS[route];
    const spotEndpoint = PUBLIC_ENDPOINTS[route] ?? PRIVATE_ENDPOINTS[route];
    const endpoint = linearEndpoint ?? spotEndpoint;
    if (endpoint === undefined)
      return sendJson(res, 404, bybitBody({ error: notServed(route, served) }, time));
    if (privateEndpoint !== undefined) {
      const denied = authenticateBybit(credentials, req.headers, method, rawQuery, rawBody, time);
      // Bybit answers a refused key or signature with 401, other refusals with 200.
      if (denied !== null)
        return sendJson(
          res,
          denied.retCode === 10003 || denied.retCode === 10004 ? 401 : 200,
          bybitBody({ error: denied }, time),
        );
      // Counted once the key names the UID; a refused request changes nothing, so no order log.
      const admission = limiter.admitPrivate(route, time);
      limitHeaders = admission.headers;
      if (!admission.admitted) return reply({ error: admission.error });
    }
    placing = route === 'POST /v5/order/create';
    const answer = (() => {
      try {
        if (linear !== null && linearEndpoint !== undefined)
          return linearEndpoint(linear.context, params);
        return (spotEndpoint as NonNullable<typeof spotEndpoint>)(context, params);
      } finally {
        placing = false;
        pending.splice(0).forEach(deliver);
      }
    })();
    if ('unanswered' in answer) {
      unanswered.add(res);
      res.on('close', () => unanswered.delete(res));
      return;
    }
    if (route.startsWith('POST /v5/order/') && linear === null) publishWallet();
    return reply(answer);
  };
  const server = createServer((req, res) => {
    readBody(req)
      .then((rawBody) => serve(req, res, rawBody))
      .catch((e: unknown) => {
        if (!res.headersSent)
          sendJson(res, 500, { retCode: 10016, retMsg: `venue failure: ${String(e)}` });
        else res.destroy();
      });
  });
  server.on('upgrade', streams.upgrade);

  const bound = await listenLocal(server, port);
  player.start();

  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    symbols: checked.markets.map((m) => m.symbol),
    advance,
    close: async () => {
      player.stop();
      reports.close();
      streams.close();
      unanswered.forEach((r) => r.socket?.destroy());
      await closeLocal(server);
    },
  };
};
