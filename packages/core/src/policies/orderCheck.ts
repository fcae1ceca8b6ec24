import type { CheckOrder } from '../account/accountCommand';
import type { Command } from '../commands/command';
import type { OrderState } from '../state/orderState';

/**
 * Risk classification (a policy of SEMANTICS §7): what the trading gate is asked before a user's command goes on (SEMANTICS §7): an entry, or
 * a modification that adds risk or takes it away. A stop moved away from the position widens
 * the loss it allows; a trailing rate may widen it too, so it counts as adding risk; break-even
 * on only ever tightens the stop. Ticks and reports are never gated.
 */
export const orderCheckOf = (command: Command, state: OrderState | null): CheckOrder | null => {
  const at = { type: 'CheckOrder' as const, ts: command.ts };
  switch (command.type) {
    case 'CreateSmartOrder':
      return {
        ...at,
        kind: 'ENTRY',
        symbol: command.symbol,
        side: command.side,
        quantity: command.quantity,
      };
    case 'Cancel':
      return state === null ? null : { ...at, kind: 'CANCEL', symbol: state.spec.symbol };
    case 'ModifyStopLoss': {
      if (state === null) return null;
      const current = state.stopLoss;
      const away =
        current !== null &&
        (state.spec.side === 'BUY' ? command.price < current : command.price > current);
      return {
        ...at,
        kind: away ? 'MODIFY_ADDS_RISK' : 'MODIFY_REDUCES_RISK',
        symbol: state.spec.symbol,
      };
    }
    case 'ModifyTrailing':
      return state === null ? null : { ...at, kind: 'MODIFY_ADDS_RISK', symbol: state.spec.symbol };
    case 'ToggleBreakEven':
      return state === null
        ? null
        : {
            ...at,
            kind: command.enabled ? 'MODIFY_REDUCES_RISK' : 'MODIFY_ADDS_RISK',
            symbol: state.spec.symbol,
          };
    default:
      return null;
  }
};
