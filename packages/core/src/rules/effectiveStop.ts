import type { StopKind } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { better } from '../side';

export interface EffectiveStop {
  readonly price: number;
  readonly kind: StopKind;
}

/**
 * The binding stop (SEMANTICS §3.3): the tighter of the fixed stop (which break-even or the stop
 * ladder may have moved) and the armed trailing stop. The trailing stop binds only when strictly tighter.
 */
export const effectiveStop = (s: OrderState): EffectiveStop | null => {
  const fixed = s.stopLoss;
  const trail = s.trailing?.armed === true ? s.trailing.stopPrice : null;
  if (trail !== null && (fixed === null || better(s.spec.side, trail, fixed))) {
    return { price: trail, kind: 'TRAILING_STOP' };
  }
  if (fixed === null) return null;
  return { price: fixed, kind: s.stopSource ?? 'STOP_LOSS' };
};
