import { left, right, type Either } from 'fp-ts/Either';
import { domainError, type DomainError } from '../domainError';
import { isTerminal, type Closing, type OrderState, type State } from '../state/orderState';

/** Why an order is being exited, for the rejection of a command meanwhile. */
const CLOSING_WHY: Record<Closing['reason'], string> = {
  STOP: 'its stop fired',
  CANCEL: 'cancel with flatten',
  CLOSE: 'every take-profit filled; a late entry lot is exited at market',
};

/**
 * Commands on a live order apply while it is PENDING, ACTIVE or PARTIALLY_CLOSED and not
 * already being exited; anything else is a typed rejection that appends nothing.
 */
export const requireLiveOrder = (
  state: State,
  orderId: string,
  command: string,
): Either<DomainError, OrderState> => {
  if (state === null) {
    return left(
      domainError(
        'ORDER_NOT_FOUND',
        orderId,
        `orderId: no smart order ${orderId}; create it first`,
      ),
    );
  }
  if (isTerminal(state)) {
    return left(
      domainError(
        'ORDER_TERMINAL',
        orderId,
        `${command}: order ${orderId} is ${state.status}, a terminal state; only PENDING, ACTIVE or PARTIALLY_CLOSED orders accept commands`,
      ),
    );
  }
  if (state.closing !== null) {
    return left(
      domainError(
        'ORDER_CLOSING',
        orderId,
        `${command}: order ${orderId} is being exited (${CLOSING_WHY[state.closing.reason]}); it accepts no more commands`,
      ),
    );
  }
  return right(state);
};
