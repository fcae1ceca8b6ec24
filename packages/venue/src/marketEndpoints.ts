import { INVALID_SYMBOL } from './binanceError';
import { decimalText } from './decimalText';
import { exchangeInfoJson } from './exchangeInfo';
import { restTickerJson } from './marketMessages';
import type { Params } from './orderRequest';
import { fail, ok, type RestAnswer } from './restAnswer';
import type { MarketSlot, VenueMarkets } from './venueMarkets';

export interface MarketContext {
  readonly markets: VenueMarkets;
  /** The venue's market clock: the time of the last tick played. */
  readonly now: () => number;
  /** The server's wall clock (`GET time`), another clock than the recording's. */
  readonly serverTime: () => number;
}

/**
 * Binance's per-symbol answers: an object when `symbol` names a market, a list when `symbols`
 * (a JSON list) names several or when neither is given (every market).
 */
const perSymbol = (
  ctx: MarketContext,
  params: Params,
  body: (slot: MarketSlot) => unknown,
): RestAnswer => {
  const symbol = params['symbol'];
  if (symbol !== undefined) {
    const slot = ctx.markets.byId(symbol);
    return slot === undefined ? fail(INVALID_SYMBOL) : ok(body(slot));
  }
  const picked = pickSymbols(ctx, params['symbols']);
  return picked === null ? fail(INVALID_SYMBOL) : ok(picked.map(body));
};

/** `symbols=["BTCUSDT","ETHUSDT"]`, or every market when absent; null when one is unknown. */
const pickSymbols = (ctx: MarketContext, symbols: string | undefined): MarketSlot[] | null => {
  if (symbols === undefined) return [...ctx.markets.all];
  let ids: unknown;
  try {
    ids = JSON.parse(symbols);
  } catch {
    return null;
  }
  if (!Array.isArray(ids)) return null;
  const slots = ids.map((id) => (typeof id === 'string' ? ctx.markets.byId(id) : undefined));
  return slots.every((s) => s !== undefined) ? (slots as MarketSlot[]) : null;
};

const bookTicker = ({ market, engine }: MarketSlot) => {
  const q = engine.quote();
  return {
    symbol: market.id,
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
  'GET /api/v3/time': (ctx) => ok({ serverTime: ctx.serverTime() }),
  'GET /api/v3/exchangeInfo': (ctx, params) => {
    const symbol = params['symbol'];
    const picked =
      symbol === undefined
        ? pickSymbols(ctx, params['symbols'])
        : [ctx.markets.byId(symbol)].filter((s) => s !== undefined);
    // A venue serving USDⓈ-M lists no spot market, as ccxt loading both kinds expects.
    return picked === null || (symbol !== undefined && picked.length === 0)
      ? fail(INVALID_SYMBOL)
      : ok(
          exchangeInfoJson(
            picked.map((s) => s.market),
            ctx.serverTime(),
          ),
        );
  },
  'GET /api/v3/ticker/24hr': (ctx, params) =>
    perSymbol(ctx, params, ({ market, engine, stats }) =>
      restTickerJson(market.id, stats(), engine.quote(), ctx.now()),
    ),
  'GET /api/v3/ticker/bookTicker': (ctx, params) => perSymbol(ctx, params, bookTicker),
  'GET /api/v3/ticker/price': (ctx, params) =>
    perSymbol(ctx, params, ({ market, stats }) => ({
      symbol: market.id,
      price: decimalText(stats().last ?? 0),
    })),
  'GET /api/v3/depth': (ctx, params) => {
    const slot = ctx.markets.byId(params['symbol'] ?? '');
    if (slot === undefined) return fail(INVALID_SYMBOL);
    const side = (price: number | undefined) =>
      price === undefined ? [] : [[decimalText(price), decimalText(1)]];
    const q = slot.engine.quote();
    return ok({
      lastUpdateId: slot.stats().count,
      bids: side(q.bid ?? q.price),
      asks: side(q.ask ?? q.price),
    });
  },
};
