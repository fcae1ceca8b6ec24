import type { Subscription } from 'rxjs';
import type { CcxtExchange } from '@smart-orders/exchange-ccxt';
import { errorClassOf, type Engine, type Logger } from '@smart-orders/engine';

/**
 * The account's gate follows the exchange's connection (SEMANTICS §7 v2), for `run` and
 * `serve --exchange` alike. A failed stream is said as a warning record. A failed order stream
 * closes the gate at once (a reconciliation, reason RECONNECT): reports may be missed until it
 * is back, so nothing is sent and no heartbeat is written until the log has been compared with
 * the exchange, which the engine retries with backoff while the exchange cannot be read; once
 * the adapter has re-subscribed and read what it missed, the log is compared again. A failed
 * tick stream needs no more: the symbol's silence makes its data stale.
 */
export const followConnection = (
  exchange: Pick<CcxtExchange, 'id' | 'connection$'>,
  engine: Pick<Engine, 'reconcileAccount' | 'account'>,
  logger: Logger,
): Subscription => {
  const reconcile = (): void =>
    void engine
      .reconcileAccount()
      .catch((e: unknown) =>
        logger.warn(
          { venue: exchange.id, errorClass: errorClassOf(e) },
          `reconciliation after a reconnect failed: ${String(e)}`,
        ),
      );
  return exchange.connection$.subscribe((c) => {
    if (c.type === 'STREAM_FAILED') {
      logger.warn(
        {
          venue: exchange.id,
          symbol: c.symbol,
          stream: c.stream,
          errorClass: errorClassOf(c.error),
        },
        `${c.stream} stream of ${c.symbol} failed (${c.error.message}); reconnecting`,
      );
      // Once: while the gate is closed the engine's own retries go on.
      if (c.stream === 'orders' && engine.account()?.gate === 'OPEN') reconcile();
    }
    if (c.type === 'RECONCILED' && c.reconnect) reconcile();
  });
};
