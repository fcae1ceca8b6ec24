import { sendPolicy } from '@smart-orders/core';
import type { AccountDesk } from './account/accountDesk';
import type { Effect } from './effects';
import type { Outbox } from './outbox';
import type { ExchangeReport } from './ports/exchange';
import { neverOnExchange } from './reportsFromOrder';
import type { Warn } from './observability/logger';

/**
 * The account's send gate on the smart orders' requests, applying the core's `sendPolicy`:
 * while the reconciliation gate is closed requests are committed but held, and sent once it
 * opens; a HALTED account sends only what reduces, and an entry is left to a later start's
 * recovery. An order held or left unsent and then cancelled is never sent: its cancel is
 * answered here, as cancelled with nothing filled, so that its smart order ends (SEMANTICS §4).
 * Without an account every request goes straight out. Resolves with the answers.
 */
export type SendGate = (effects: readonly Effect[]) => Promise<readonly ExchangeReport[]>;

const NONE: Promise<readonly ExchangeReport[]> = Promise.resolve([]);

export const createSendGate = (
  outbox: Outbox,
  desk: AccountDesk | undefined,
  warn: Warn,
): SendGate => {
  if (desk === undefined) return (effects) => (effects.length === 0 ? NONE : outbox.send(effects));
  const held: Effect[] = [];
  // Orders this process never sent (a HALTED account's entries), by client order id.
  const unsent = new Set<string>();
  const heldPlace = (clientOrderId: string) =>
    held.findIndex((h) => h.kind === 'place' && h.request.clientOrderId === clientOrderId);
  return (effects) => {
    held.push(...effects);
    if (held.length === 0) return NONE;
    const passing: Effect[] = [];
    const answered: ExchangeReport[] = [];
    for (const e of held.splice(0)) {
      if (e.kind === 'cancel') {
        const waiting = heldPlace(e.clientOrderId);
        if (waiting >= 0) held.splice(waiting, 1);
        if (waiting >= 0 || unsent.delete(e.clientOrderId)) {
          answered.push(neverOnExchange(e.clientOrderId, e.symbol, e.ts));
          continue;
        }
      }
      const policy = sendPolicy(desk.state, {
        kind: e.kind,
        reduceOnly: e.kind === 'place' && e.request.reduceOnly,
      });
      if (policy === 'SEND') passing.push(e);
      else if (policy === 'HOLD') held.push(e);
      else if (e.kind === 'place') {
        unsent.add(e.request.clientOrderId);
        warn(`${e.request.clientOrderId}: not sent, account ${desk.options.id} is HALTED`, {
          orderId: e.request.orderId,
          clientOrderId: e.request.clientOrderId,
          symbol: e.request.symbol,
          account: desk.options.id,
          errorClass: 'TRADING_HALTED',
        });
      }
    }
    if (passing.length === 0) return answered.length === 0 ? NONE : Promise.resolve(answered);
    return outbox.send(passing).then((reports) => [...answered, ...reports]);
  };
};
