import type { Command } from '@smart-orders/core';

/** One futures symbol's liquidation buffer (issue 14), with the leverage read or set at start. */
export interface LiquidationGuardSpec {
  /** Null where the exchange's leverage could not be read: the creation check is then skipped. */
  readonly leverage: number | null;
  readonly bufferPct: number;
  readonly maintenanceMarginRate?: number;
}

export interface LiquidationOptions {
  /** By symbol (`BTC/USDT:USDT`). */
  readonly symbols: Readonly<Record<string, LiquidationGuardSpec>>;
  /** How often the exchange's liquidation prices are read; default 5 000 ms. */
  readonly everyMs?: number;
}

/**
 * A new order on a guarded symbol carries its guard into the decision, where the core refuses
 * a stop that lies beyond its liquidation price with that margin (`rules/stopBeyondLiquidation.ts`).
 */
export const withLiquidationGuard = (
  options: LiquidationOptions | undefined,
  command: Command,
): Command => {
  if (options === undefined || command.type !== 'CreateSmartOrder') return command;
  const spec = options.symbols[command.symbol];
  if (spec === undefined || spec.leverage === null) return command;
  return {
    ...command,
    liquidationGuard: {
      leverage: spec.leverage,
      bufferPct: spec.bufferPct,
      ...(spec.maintenanceMarginRate === undefined
        ? {}
        : { maintenanceMarginRate: spec.maintenanceMarginRate }),
    },
  };
};
