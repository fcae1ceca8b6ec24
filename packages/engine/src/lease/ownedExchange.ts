import { left } from 'fp-ts/Either';
import type { Exchange, ExchangeError } from '../ports/exchange';
import type { PartitionOwnership } from './partitionOwnership';

/**
 * The exchange as the owner of a partition sends to it: once the lease is lost or has run out on
 * this machine's clock, nothing more is sent — not even an intent committed while the lease was
 * held, which the new owner looks up by client order id and sends itself if it is absent. The
 * refusal is an unknown outcome (`NETWORK`), so nothing is recorded of it. Reads go through.
 */
export const ownedExchange = (exchange: Exchange, ownership: PartitionOwnership): Exchange => {
  const notSent = (): ExchangeError => ({
    code: 'NETWORK',
    message: `not sent: lease-${ownership.key} is no longer held by this engine`,
  });
  const amendStop = exchange.amendStop?.bind(exchange);
  return Object.create(exchange, {
    place: {
      value: (request: Parameters<Exchange['place']>[0]) =>
        ownership.holds() ? exchange.place(request) : Promise.resolve(left(notSent())),
    },
    cancel: {
      value: (clientOrderId: string, symbol: string) =>
        ownership.holds()
          ? exchange.cancel(clientOrderId, symbol)
          : Promise.resolve(left(notSent())),
    },
    ...(amendStop === undefined
      ? {}
      : {
          amendStop: {
            value: (...args: Parameters<typeof amendStop>) =>
              ownership.holds() ? amendStop(...args) : Promise.resolve(left(notSent())),
          },
        }),
  }) as Exchange;
};
