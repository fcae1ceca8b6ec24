import { INVALID_SYMBOL } from './binanceError';
import { decimalText } from './decimalText';
import { exchangeInfoJson } from './exchangeInfo';
import { restTickerJson } from './marketMessages';
import type { MatchingEngine } from './matchingEngine';
import type { Params } from './orderRequest';
import { fail, ok, type RestAnswer } from './restAnswer';
import type { TickerStats } from './tickerStats';
import type { VenueMarket } from './venueMarket';

export interface MarketContext {
  readonly market: VenueMarket;
  readonly engine: MatchingEngine;
  readonly stats: () => TickerStats;
}

/** Answers for the one market: an object when `symbol` names it, a list of one when no symbol. */
const perSymbol = (ctx: MarketContext, params: Params, body: () => unknown): RestAnswer => {
  const symbol = params['symbol'];
  if (symbol === undefined) return ok([body()]);
  return symbol === ctx.market.id ? ok(body()) : fail(INVALID_SYMBOL);
};

const bookTicker = (ctx: MarketContext) => {
  const q = ctx.engine.quote();
  return {
    symbol: ctx.market.id,
    bidPrice: decimalText(q.bid ?? 0),
    bidQty: decimalText(q.bid === undefined ? 0 : 1),
    askPrice: decimalText(q.ask ?? 0),
    askQty: decimalText(q.ask === undefined ? 0 : 1),
  };
};

export const marketEndpoints: Readonly<
  Record<string, (ctx: MarketContext, params: Params) => RestAnswer>
> = {
  'GET /api/v3/ping': () => ok({}),
  'GET /api/v3/time': (ctx) => ok({ serverTime: ctx.engine.now() }),
  'GET /api/v3/exchangeInfo': (ctx, params) =>
    params['symbol'] === undefined || params['symbol'] === ctx.market.id
      ? ok(exchangeInfoJson(ctx.market, ctx.engine.now()))
      : fail(INVALID_SYMBOL),
  'GET /api/v3/ticker/24hr': (ctx, params) =>
    perSymbol(ctx, params, () =>
      restTickerJson(ctx.market.id, ctx.stats(), ctx.engine.quote(), ctx.engine.now()),
    ),
  'GET /api/v3/ticker/bookTicker': (ctx, params) => perSymbol(ctx, params, () => bookTicker(ctx)),
  'GET /api/v3/ticker/price': (ctx, params) =>
    perSymbol(ctx, params, () => ({
      symbol: ctx.market.id,
      price: decimalText(ctx.stats().last ?? 0),
    })),
  'GET /api/v3/depth': (ctx, params) => {
    if (params['symbol'] !== ctx.market.id) return fail(INVALID_SYMBOL);
    const side = (price: number | undefined) =>
      price === undefined ? [] : [[decimalText(price), decimalText(1)]];
    const q = ctx.engine.quote();
    return ok({
      lastUpdateId: ctx.stats().count,
      bids: side(q.bid ?? q.price),
      asks: side(q.ask ?? q.price),
    });
  },
};
