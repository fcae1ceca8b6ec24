import { binanceError } from './binanceError';
import { marketEndpoints, type MarketContext } from './marketEndpoints';
import type { OrderLog } from './orderLog';
import type { Params } from './orderRequest';
import type { RateLimiter } from './rateLimits';
import { requestWeight } from './requestWeight';
import { authenticate, type Credentials, type RawRequest } from './restAuth';
import { fail, withHeaders, type RestAnswer } from './restAnswer';
import { tradeEndpoints, type TradeContext } from './tradeEndpoints';

type Endpoint<C> = (ctx: C, params: Params) => RestAnswer;

/** One REST API of a dialect: public routes, and keyed routes (signed unless key-only). */
export interface RestRoutes<C> {
  readonly public: Readonly<Record<string, Endpoint<C>>>;
  readonly keyed: Readonly<Record<string, Endpoint<C>>>;
  /** Keyed routes that need the API key but no signature (listen keys). */
  readonly keyOnly: readonly string[];
  /** The route of a new order, counted against the ORDERS limit. */
  readonly newOrder: readonly string[];
}

/** Binance spot (`/api/v3/...`). */
export const SPOT_ROUTES: RestRoutes<MarketContext & TradeContext> = {
  public: marketEndpoints,
  keyed: tradeEndpoints,
  keyOnly: ['/api/v3/userDataStream'],
  newOrder: ['POST /api/v3/order'],
};

export interface RestServer {
  readonly credentials: Credentials;
  readonly limiter: RateLimiter;
  readonly orderLog: OrderLog;
  /** The venue's market clock, which the order log records. */
  readonly now: () => number;
  /** A fault window in which every signed GET (a read of the account) is refused. */
  readonly accountReadsRefused?: (now: number) => boolean;
}

/** What Binance answers when it cannot serve a request for now (HTTP 503, -1001). */
const UNAVAILABLE = binanceError(
  -1001,
  'Internal error; unable to process your request. Please try again.',
  503,
);

/**
 * A Binance REST request: the request limits first (on the wall clock `wallNow`), then the
 * public routes, then the keyed ones (API key, receive window, signature).
 */
export const handleRest = <C>(
  server: RestServer,
  routes: RestRoutes<C>,
  ctx: C,
  wallNow: number,
  method: string,
  path: string,
  req: RawRequest,
): RestAnswer => {
  const route = `${method} ${path}`;
  const isNewOrder = routes.newOrder.includes(route);
  const admission = server.limiter.admit(requestWeight(route, req.params), isNewOrder, wallNow);
  if (!admission.admitted) {
    // A refused order request is still one the venue received: the order log shows it.
    if (isNewOrder) server.orderLog.record(req.params, server.now(), admission.error, true);
    return withHeaders(fail(admission.error), admission.headers);
  }
  return withHeaders(dispatch(server, routes, ctx, wallNow, route, path, req), admission.headers);
};

const dispatch = <C>(
  server: RestServer,
  routes: RestRoutes<C>,
  ctx: C,
  wallNow: number,
  route: string,
  path: string,
  req: RawRequest,
): RestAnswer => {
  const publicEndpoint = routes.public[route];
  if (publicEndpoint !== undefined) return publicEndpoint(ctx, req.params);
  const keyed = routes.keyed[route];
  if (keyed === undefined) {
    const served = [...Object.keys(routes.public), ...Object.keys(routes.keyed)];
    return fail(
      binanceError(
        -1000,
        `${route} is not served by the venue; it serves ${served.join(', ')}`,
        404,
      ),
    );
  }
  const denied = authenticate(
    server.credentials,
    routes.keyOnly.includes(path) ? 'API_KEY' : 'SIGNED',
    req,
    wallNow,
  );
  if (denied !== null) return fail(denied);
  if (route.startsWith('GET ') && server.accountReadsRefused?.(server.now()) === true)
    return fail(UNAVAILABLE);
  return keyed(ctx, req.params);
};
