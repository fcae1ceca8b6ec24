import { right, type Either } from 'fp-ts/Either';
import type { ExchangeError } from '@smart-orders/engine';
import type { AdapterContext } from './adapterContext';
import { readWithRetry } from './readWithRetry';

/** Markets (precision, limits, contract sizes) are needed before any order can be shaped. */
export const ensureMarkets = async (ctx: AdapterContext): Promise<Either<ExchangeError, void>> =>
  ctx.exchange.markets === undefined
    ? readWithRetry(ctx, async () => void (await ctx.exchange.loadMarkets()))
    : right(undefined);
