import { left, type Either } from 'fp-ts/Either';
import type { ExchangeError, ExchangeOrder } from '@smart-orders/engine';
import type { AdapterContext } from './adapterContext';
import { lookupOrder } from './lookupOrder';

/**
 * The port's lookup, whose `Right(null)` lets the engine send the id again (a restart resends
 * an intent it finds absent): "absent" only on a venue that offers a proof of absence
 * (docs/exchanges.md, "Proof of absence, venue by venue"). On bybit, bitget and kucoin an order
 * they do not show may be one their history has not caught up with, however long ago it was
 * sent, so "not found" is a NETWORK error there: the intent is left to the reconciliation and
 * the operator rather than placed twice. The adapter's own checks (a cancel, an amend) still
 * read "not found" as the venue's answer.
 */
export const lookupWithProof = async (
  ctx: AdapterContext,
  clientOrderId: string,
  symbol: string,
  since?: number,
): Promise<Either<ExchangeError, ExchangeOrder | null>> => {
  const found = await lookupOrder(ctx, clientOrderId, symbol, since);
  if (found._tag === 'Left' || found.right !== null || ctx.timing.absenceProvable) return found;
  return left({
    code: 'NETWORK',
    message: `${ctx.exchangeId}: order ${clientOrderId} on ${symbol} was not found, and ${ctx.exchangeId} offers no proof that an order it does not show was never placed (its order history may lag): not answering "absent", so that it is not sent again`,
  });
};
