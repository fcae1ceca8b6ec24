import { left, right, type Either } from 'fp-ts/Either';
import type { AdapterContext } from './adapterContext';
import { classifyError } from './classifyError';

/** Why a live start cannot go on: said in one line before anything is written or sent. */
export interface PreflightFailure {
  readonly code: 'UNREACHABLE' | 'AUTHENTICATION' | 'UNKNOWN_SYMBOL';
  readonly message: string;
}

const withDeadline = async <T>(ms: number, work: Promise<T>): Promise<T | 'TIMEOUT'> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'TIMEOUT'>((resolve) => {
    timer = setTimeout(() => resolve('TIMEOUT'), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Proves, before a live engine starts, that it could act: the venue answers (its markets load
 * within `deadlineMs`), it lists every symbol the plan trades, and it accepts the credentials
 * (a private read). Without it a wrong URL, a mistyped symbol, an exchange id pointed at
 * another venue's API or a wrong secret shows only as minutes of silence, or as refusals in
 * the middle of a trade.
 */
export const preflight = async (
  ctx: AdapterContext,
  symbols: readonly string[],
  deadlineMs: number,
): Promise<Either<PreflightFailure, void>> => {
  const where = ctx.exchangeId;
  const failed = (e: unknown) => classifyError(ctx.exchangeId, e, ctx.secrets).error.message;
  const loaded = await withDeadline(
    deadlineMs,
    ctx.exchange.loadMarkets().then(
      () => null,
      (e: unknown) => failed(e),
    ),
  );
  if (loaded === 'TIMEOUT')
    return left({
      code: 'UNREACHABLE',
      message: `${where} did not answer within ${deadlineMs / 1_000} s (loading its markets)`,
    });
  if (loaded !== null)
    return left({
      code: 'UNREACHABLE',
      message: `${where} could not be read (loading its markets): ${loaded}`,
    });
  const markets = ctx.exchange.markets ?? {};
  const missing = symbols.filter((s) => markets[s] === undefined);
  if (missing.length > 0) {
    const listed = Object.keys(markets);
    return left({
      code: 'UNKNOWN_SYMBOL',
      message: `${where} does not list ${missing.join(', ')} (it lists ${listed.length} markets${listed.length === 0 ? '' : `, such as ${listed.slice(0, 5).join(', ')}`})`,
    });
  }
  const read = await withDeadline(
    deadlineMs,
    ctx.exchange.fetchBalance().then(
      () => null,
      (e: unknown) => classifyError(ctx.exchangeId, e, ctx.secrets),
    ),
  );
  if (read === 'TIMEOUT')
    return left({
      code: 'UNREACHABLE',
      message: `${where} did not answer a private read (balance) within ${deadlineMs / 1_000} s`,
    });
  if (read !== null)
    return left({
      code: read.kind === 'authentication' ? 'AUTHENTICATION' : 'UNREACHABLE',
      message:
        read.kind === 'authentication'
          ? `${where} refused the credentials: ${read.error.message}`
          : `${where} could not be read (balance): ${read.error.message}`,
    });
  return right(undefined);
};
