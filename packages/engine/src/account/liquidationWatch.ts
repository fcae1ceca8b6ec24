import { liquidationNear, type AccountCommand } from '@smart-orders/core';
import type { LiquidationOptions } from '../liquidationGuards';
import type { AccountReads } from '../ports/accountReads';
import type { Work, WorkResult } from '../work';

export const DEFAULT_LIQUIDATION_WATCH_MS = 5_000;

/**
 * Reads the exchange's positions with their liquidation prices every `everyMs` and trips the
 * kill switch (`LIQUIDATION_NEAR`) once a guarded symbol's position has its liquidation price
 * within `bufferPct` of the mark (`liquidationNear`): new orders are refused, working ones
 * cancelled and the position flattened while the engine can still choose the price, before the
 * exchange liquidates it. The liquidation price and the mark are the exchange's own (ccxt's
 * position `liquidationPrice` and `markPrice`), the engine's last price standing in for a mark
 * the exchange does not give. A read that fails is tried again at the next look. Returns stop.
 */
export const startLiquidationWatch = (deps: {
  readonly options: LiquidationOptions;
  readonly exchange: AccountReads;
  readonly lastPrice: (symbol: string) => number | undefined;
  readonly enqueue: (work: Work) => Promise<WorkResult>;
  readonly warn: (message: string) => void;
  readonly now?: () => number;
}): (() => void) => {
  const read = deps.exchange.liquidationPrices;
  if (read === undefined || Object.keys(deps.options.symbols).length === 0) return () => undefined;
  const now = deps.now ?? Date.now;
  let tripped = false;
  let looking = false;
  const look = async (): Promise<void> => {
    if (tripped || looking) return;
    looking = true;
    try {
      const positions = await read.call(deps.exchange);
      if (positions._tag === 'Left') {
        deps.warn(`liquidation watch: positions could not be read (${positions.left.message})`);
        return;
      }
      for (const p of positions.right) {
        const guard = deps.options.symbols[p.symbol];
        const mark = p.markPrice ?? deps.lastPrice(p.symbol);
        if (guard === undefined || mark === undefined) continue;
        if (!liquidationNear(p.quantity, p.liquidationPrice, mark, guard.bufferPct)) continue;
        tripped = true;
        const trip: AccountCommand = {
          type: 'TripKillSwitch',
          ts: now(),
          reason: 'LIQUIDATION_NEAR',
          detail: `${p.symbol}: ${p.quantity > 0 ? 'long' : 'short'} ${Math.abs(p.quantity)} liquidated at ${p.liquidationPrice}, mark ${mark} within liquidationBufferPct ${guard.bufferPct}`,
        };
        await deps.enqueue({ accountCommands: [trip] });
        return;
      }
    } finally {
      looking = false;
    }
  };
  const timer = setInterval(() => {
    look().catch((e: unknown) => deps.warn(`liquidation watch: ${(e as Error).message}`));
  }, deps.options.everyMs ?? DEFAULT_LIQUIDATION_WATCH_MS);
  timer.unref?.();
  return () => clearInterval(timer);
};
