import type { AccountReads } from './accountReads';
import type { Execution } from './execution';
import type { MarketData } from './marketData';

export * from './accountReads';
export * from './execution';
export * from './marketData';

/**
 * The exchange port, split by concern so that an adapter can be written from each part alone:
 * market data (`marketData.ts`), execution (`execution.ts`) and account reads
 * (`accountReads.ts`). The engine never imports an adapter; paper and ccxt implement all three.
 */
export interface Exchange extends MarketData, Execution, AccountReads {
  close(): Promise<void>;
}
