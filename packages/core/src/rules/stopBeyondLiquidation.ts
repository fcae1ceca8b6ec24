import Big from 'big.js';
import type { CreateSmartOrder, LiquidationGuard } from '../commands/createSmartOrder';
import { issue, type ValidationIssue } from '../codecs/issues';
import { withLadderEntry } from './entryLadder';
import { estimatedLiquidationPrice } from './liquidationPrice';
import { entryReference } from './validateSmartOrder';

/**
 * The nearest a stop may lie to the liquidation price: `bufferPct` of it on the safe side
 * (above a long's liquidation price, below a short's).
 */
export const stopLimitOf = (
  side: CreateSmartOrder['side'],
  liquidation: number,
  bufferPct: number,
): number => {
  const buffer = new Big(bufferPct).div(100);
  return new Big(liquidation)
    .times(side === 'BUY' ? new Big(1).plus(buffer) : new Big(1).minus(buffer))
    .toNumber();
};

/** Whether a stop at `stop` fires before the position comes within the buffer of liquidation. */
export const stopIsSafe = (
  side: CreateSmartOrder['side'],
  stop: number,
  liquidation: number,
  bufferPct: number,
): boolean => {
  const limit = stopLimitOf(side, liquidation, bufferPct);
  return side === 'BUY' ? stop > limit : stop < limit;
};

/**
 * A futures order whose stop lies beyond its liquidation price, or within `bufferPct` of it, is
 * refused at creation (issue 14): the exchange would liquidate the position before the stop
 * fired, at a worse price and with a liquidation fee. The liquidation price is estimated from
 * the entry reference and the symbol's leverage (`estimatedLiquidationPrice`); an order whose
 * entry reference is not known yet (a market entry before the symbol's first tick) is checked by
 * the engine's watch of the exchange's own liquidation price instead.
 */
export const stopBeyondLiquidationIssues = (cmd: CreateSmartOrder): ValidationIssue[] => {
  const guard: LiquidationGuard | undefined = cmd.liquidationGuard;
  if (guard === undefined || cmd.stopLoss === undefined) return [];
  const ref = entryReference(withLadderEntry(cmd));
  if (ref === null) return [];
  const stop =
    cmd.stopLoss.price ??
    new Big(ref)
      .times(
        cmd.side === 'BUY'
          ? new Big(1).minus(new Big(cmd.stopLoss.offsetPct ?? 0).div(100))
          : new Big(1).plus(new Big(cmd.stopLoss.offsetPct ?? 0).div(100)),
      )
      .toNumber();
  const liquidation = estimatedLiquidationPrice(
    cmd.side,
    ref,
    guard.leverage,
    guard.maintenanceMarginRate,
  );
  if (stopIsSafe(cmd.side, stop, liquidation, guard.bufferPct)) return [];
  const limit = stopLimitOf(cmd.side, liquidation, guard.bufferPct);
  const where = cmd.side === 'BUY' ? 'above' : 'below';
  const field = cmd.stopLoss.price === undefined ? 'stopLoss.offsetPct' : 'stopLoss.price';
  const shown = (n: number): string => String(Number(n.toPrecision(12)));
  return [
    issue(
      field,
      `must put the stop ${where} ${shown(limit)}: the estimated liquidation price at leverage ${guard.leverage} from ${ref} is ${shown(liquidation)}, and liquidationBufferPct ${guard.bufferPct} keeps the stop that far from it; got a stop at ${shown(stop)}`,
    ),
  ];
};
