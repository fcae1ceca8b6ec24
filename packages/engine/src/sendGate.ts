import { sendPolicy } from '@smart-orders/core';
import type { AccountDesk } from './account/accountDesk';
import type { Effect } from './effects';
import type { Outbox } from './outbox';
import type { ExchangeReport } from './ports/exchange';

/**
 * The account's send gate on the smart orders' requests, applying the core's `sendPolicy`:
 * while the reconciliation gate is closed requests are committed but held, and sent once it
 * opens; a HALTED account sends only what reduces, and an entry is left to a later start's
 * recovery. Without an account every request goes straight out. Resolves with the answers.
 */
export type SendGate = (effects: readonly Effect[]) => Promise<readonly ExchangeReport[]>;

const NONE: Promise<readonly ExchangeReport[]> = Promise.resolve([]);

export const createSendGate = (
  outbox: Outbox,
  desk: AccountDesk | undefined,
  warn: (message: string) => void,
): SendGate => {
  if (desk === undefined) return (effects) => (effects.length === 0 ? NONE : outbox.send(effects));
  const held: Effect[] = [];
  return (effects) => {
    held.push(...effects);
    if (held.length === 0) return NONE;
    const passing: Effect[] = [];
    for (const e of held.splice(0)) {
      const policy = sendPolicy(desk.state, {
        kind: e.kind,
        reduceOnly: e.kind === 'place' && e.request.reduceOnly,
      });
      if (policy === 'SEND') passing.push(e);
      else if (policy === 'HOLD') held.push(e);
      else if (e.kind === 'place')
        warn(`${e.request.clientOrderId}: not sent, account ${desk.options.id} is HALTED`);
    }
    return passing.length === 0 ? NONE : outbox.send(passing);
  };
};
