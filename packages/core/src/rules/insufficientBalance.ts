import type { ExecutionReport } from '../commands/executionReport';

/**
 * SEMANTICS §9.1: no exit asks to sell more than the net position, so an exit the exchange
 * refuses for insufficient balance means the balance moved outside the engine (a fee it was not
 * told of, a withdrawal, a sale by hand). Sending it again cannot succeed and must not be tried
 * on every tick: the refusal is recorded once and the order's exits are held (`exitsHeld`); the
 * engine has the account reconcile, and the operator decides.
 */
export const refusedForBalance = (r: ExecutionReport): boolean =>
  r.execType === 'REJECTED' && r.refusal === 'INSUFFICIENT_BALANCE';
