import { left, right, type Either } from 'fp-ts/Either';
import type { ExchangeError, VenueMarketRules } from '@smart-orders/engine';
import { ccxt } from './ccxtModule';
import { marketOf, type AdapterContext } from './adapterContext';
import { ensureMarkets } from './ensureMarkets';
import { contractSizeOf } from './orderArgs';

/**
 * The venue's market as the engine's port says it (SEMANTICS §1 v2): ccxt's price and amount
 * precision (a step: all eight venues' ccxt classes use TICK_SIZE precision) and limits, amounts
 * in the base asset (contracts × contract size on derivatives), in exact decimals.
 */
export const marketRules = async (
  ctx: AdapterContext,
  symbol: string,
): Promise<Either<ExchangeError, VenueMarketRules>> => {
  const loaded = await ensureMarkets(ctx);
  if (loaded._tag === 'Left') return loaded;
  const market = marketOf(ctx, symbol);
  const tick = market?.precision.price;
  const amount = market?.precision.amount;
  if (market === undefined || tick === undefined || amount === undefined)
    return left({
      code: 'REJECTED',
      message: `${ctx.exchangeId} ${symbol}: UNKNOWN_SYMBOL: the venue lists no such market, or none with a price and amount precision`,
    });
  const size = String(contractSizeOf(market));
  const inBase = (units: number): number => Number(ccxt.Precise.stringMul(String(units), size));
  const minAmount = market.limits.amount?.min;
  const minCost = market.limits.cost?.min;
  return right({
    tickSize: tick,
    stepSize: inBase(amount),
    ...(minAmount === undefined ? {} : { minQty: inBase(minAmount) }),
    ...(minCost === undefined ? {} : { minNotional: minCost }),
  });
};
