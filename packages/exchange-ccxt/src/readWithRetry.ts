import { left, right, type Either } from 'fp-ts/Either';
import type { ExchangeError } from '@smart-orders/engine';
import type { AdapterContext } from './adapterContext';
import { classifyError } from './classifyError';

/**
 * A read (or an idempotent request, such as a cancel) is safe to repeat: timeouts and rate
 * limits are retried with backoff; an answer (not found, rejected, authentication) is
 * returned at once.
 */
export const readWithRetry = async <T>(
  ctx: AdapterContext,
  read: () => Promise<T>,
): Promise<Either<ExchangeError, T>> => {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return right(await read());
    } catch (e) {
      const failure = classifyError(ctx.exchangeId, e, ctx.secrets);
      const retriable = failure.kind === 'unknown' || failure.kind === 'rateLimited';
      const delay = ctx.timing.backoffMs[attempt];
      if (!retriable || delay === undefined) return left(failure.error);
      await ctx.sleep(delay);
    }
  }
};
