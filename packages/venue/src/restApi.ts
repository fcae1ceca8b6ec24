import { binanceError } from './binanceError';
import { marketEndpoints, type MarketContext } from './marketEndpoints';
import { authenticate, type Credentials, type RawRequest } from './restAuth';
import { fail, type RestAnswer } from './restAnswer';
import { tradeEndpoints, type TradeContext } from './tradeEndpoints';

const SERVED = [...Object.keys(marketEndpoints), ...Object.keys(tradeEndpoints)];

/** Binance spot REST (`/api/v3/...`): public market data, then keyed and signed trading endpoints. */
export const handleRest = (
  ctx: MarketContext & TradeContext,
  credentials: Credentials,
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
  );
  return denied === null ? tradeEndpoint(ctx, req.params) : fail(denied);
};
