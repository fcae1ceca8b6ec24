import { left, right, type Either } from 'fp-ts/Either';
import { isMultipleOf } from '../decimal';
import type { ModifyStopLoss } from '../commands/liveCommands';
import { issue } from '../codecs/issues';
import { domainError, validationFailed, type DomainError } from '../domainError';
import { event, type OrderEvent } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { reachedAdversely, sideWord } from '../side';
import { triggerPrice } from './triggerPrice';

const entryReference = (s: OrderState): number | null =>
  s.spec.entry.type === 'LIMIT' ? s.spec.entry.price : (s.spec.referencePrice ?? null);

/**
 * A new fixed stop (SEMANTICS §4). Refused when it would fire at once: at or beyond the last
 * price the stop triggers on, or, while PENDING, beyond the entry reference price. It may loosen the stop: that
 * is the user's call, and the only way the effective stop moves against the position.
 */
export const decideModifyStopLoss = (
  s: OrderState,
  cmd: ModifyStopLoss,
): Either<DomainError, OrderEvent[]> => {
  const { side, market, orderId } = s.spec;
  if (!isMultipleOf(cmd.price, market.tickSize)) {
    return left(
      validationFailed(orderId, [
        issue('price', `must be a multiple of the tick size ${market.tickSize}, got ${cmd.price}`),
      ]),
    );
  }
  const word = side === 'BUY' ? 'below' : 'above';
  const refuse = (what: string, ref: number): Either<DomainError, OrderEvent[]> =>
    left(
      domainError(
        'INVALID_STOP_PRICE',
        orderId,
        `price: the stop of ${sideWord(side)} must be ${word} ${what} ${ref}, got ${cmd.price} (it would fire at once)`,
        [issue('price', `must be ${word} ${what} ${ref}`)],
      ),
    );
  // "The last price" is the one this order's stop triggers on (§4): the trade price, or the
  // bid (long) / ask (short) for a BID_ASK order or when the last tick had no trade price.
  const last = triggerPrice(
    {
      type: 'Tick',
      symbol: s.spec.symbol,
      ts: cmd.ts,
      ...(cmd.lastPrice === undefined ? {} : { price: cmd.lastPrice }),
      ...(cmd.lastBid === undefined ? {} : { bid: cmd.lastBid }),
      ...(cmd.lastAsk === undefined ? {} : { ask: cmd.lastAsk }),
    },
    side,
    s.spec.triggerSource,
  );
  if (last !== undefined && reachedAdversely(side, last, cmd.price))
    return refuse('the last price', last);
  const ref = entryReference(s);
  if (s.status === 'PENDING' && ref !== null && reachedAdversely(side, ref, cmd.price))
    return refuse('the entry price', ref);
  if (s.stopLoss === cmd.price && s.stopSource === 'STOP_LOSS') return right([]);
  return right([event('StopLossModified', cmd.ts, { from: s.stopLoss, to: cmd.price })]);
};
