import { binanceError } from './binanceError';
import { marketEndpoints, type MarketContext } from './marketEndpoints';
import type { RateLimiter } from './rateLimits';
import { requestWeight } from './requestWeight';
import { authenticate, type Credentials, type RawRequest } from './restAuth';
import { fail, withHeaders, type RestAnswer } from './restAnswer';
import { tradeEndpoints, type TradeContext } from './tradeEndpoints';

const SERVED = [...Object.keys(marketEndpoints), ...Object.keys(tradeEndpoints)];
const NEW_ORDER = 'POST /api/v3/order';

/**
 * Binance spot REST (`/api/v3/...`): the request limits first (on the wall clock `wallNow`),
 * then public market data, then keyed and signed trading endpoints.
 */
export const handleRest = (
  ctx: MarketContext & TradeContext,
  credentials: Credentials,
  limiter: RateLimiter,
  wallNow: number,
  method: string,
  path: string,
  req: RawRequest,
): RestAnswer => {
  const route = `${method} ${path}`;
  const admission = limiter.admit(requestWeight(route, req.params), route === NEW_ORDER, wallNow);
  if (!admission.admitted) {
    // A refused order request is still one the venue received: the order log shows it.
    if (route === NEW_ORDER) ctx.orderLog.record(req.params, ctx.now(), admission.error, true);
    return withHeaders(fail(admission.error), admission.headers);
  }
  return withHeaders(dispatch(ctx, credentials, wallNow, method, path, req), admission.headers);
};

const dispatch = (
  ctx: MarketContext & TradeContext,
  credentials: Credentials,
  wallNow: number,
  method: string,
  path: string,
  req: RawRequest,
): RestAnswer => {
  const route = `${method} ${path}`;
  const marketEndpoint = marketEndpoints[route];
  if (marketEndpoint !== undefined) return marketEndpoint(ctx, req.params);
  const tradeEndpoint = tradeEndpoints[route];
  if (tradeEndpoint === undefined) {
    return fail(
      binanceError(
        -1000,
        `${route} is not served by the venue; it serves ${SERVED.join(', ')}`,
        404,
      ),
    );
  }
  const denied = authenticate(
    credentials,
    path === '/api/v3/userDataStream' ? 'API_KEY' : 'SIGNED',
    req,
    wallNow,
  );
  return denied === null ? tradeEndpoint(ctx, req.params) : fail(denied);
};
