import type { Order } from 'ccxt';
import type { ExchangeError } from '@smart-orders/engine';
import type { AdapterContext } from './adapterContext';
import { classifyError } from './classifyError';
import { lookupInLane } from './lookupInLane';

export type Resolution =
  | { readonly kind: 'found'; readonly order: Order }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unresolved'; readonly error: ExchangeError };

export interface UnknownOutcome {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly wire: string;
  /** When the create whose outcome is unknown was signed. */
  readonly sentAt: number;
  /** False after a duplicate-id rejection: the order exists, so "not found" is only a delay. */
  readonly mayBeAbsent: boolean;
}

/**
 * Settles a create whose outcome is unknown by looking its client order id up, with backoff,
 * and by watching for it on the order stream. It is absent only where the venue offers a proof
 * (`Timing.absenceProvable`) and a lookup that started after the create's deadline
 * (`Timing.createDeadlineMs` + margin) found nothing: from then on the venue can no longer
 * execute the lost request, so sending again cannot double it. Where the venue offers none,
 * "not found" may be a lagging history: the lookups go on until they give up, and the order
 * stays unknown rather than be sent twice.
 */
export const resolveUnknownOutcome = async (
  ctx: AdapterContext,
  outcome: UnknownOutcome,
): Promise<Resolution> => {
  const { timing } = ctx;
  const provenAt = outcome.sentAt + timing.createDeadlineMs + timing.settleMarginMs;
  const giveUpAt = provenAt + timing.giveUpAfterMs;
  let lastError: ExchangeError = {
    code: 'NETWORK',
    message: timing.absenceProvable
      ? `${ctx.exchangeId}: order ${outcome.clientOrderId} on ${outcome.symbol} was neither found nor proven absent`
      : `${ctx.exchangeId}: order ${outcome.clientOrderId} on ${outcome.symbol} was not found, and ${ctx.exchangeId} offers no proof that a lost create can no longer execute: not sending it again`,
  };
  for (let attempt = 0; ; attempt += 1) {
    const sighted = ctx.tracker.get(outcome.clientOrderId)?.lastSeen;
    if (sighted !== undefined) return { kind: 'found', order: sighted };
    try {
      // A lookup of the same id already under way is joined: its start is what proves.
      const { value: order, startedAt } = await lookupInLane(ctx, {
        symbol: outcome.symbol,
        wire: outcome.wire,
        since: outcome.sentAt - timing.settleMarginMs,
      });
      if (order !== null) return { kind: 'found', order };
      if (timing.absenceProvable && outcome.mayBeAbsent && startedAt >= provenAt)
        return { kind: 'absent' };
    } catch (e) {
      const failure = classifyError(ctx.exchangeId, e, ctx.secrets);
      if (failure.kind === 'authentication' || failure.kind === 'rejected') {
        return { kind: 'unresolved', error: failure.error };
      }
      lastError = {
        code: 'NETWORK',
        message: `outcome unknown, lookups failing: ${failure.error.message}`,
      };
    }
    if (ctx.now() >= giveUpAt) return { kind: 'unresolved', error: lastError };
    const pause = timing.backoffMs[Math.min(attempt, timing.backoffMs.length - 1)] ?? 1000;
    const untilProof = provenAt - ctx.now();
    await ctx.sleep(untilProof > 0 ? Math.min(pause, untilProof) : pause);
  }
};
