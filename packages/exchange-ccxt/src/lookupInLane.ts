import type { Order } from 'ccxt';
import type { AdapterContext } from './adapterContext';
import { lookupByClientOrderId, type LookupInput } from './lookupByClientOrderId';
import type { Read } from './lookupLane';

/** A lookup by client order id through the adapter's lookup lane (`lookupLane.ts`). */
export const lookupInLane = (
  ctx: AdapterContext,
  input: Omit<LookupInput, 'exchange' | 'exchangeId'>,
  notBefore?: number,
): Promise<Read<Order | null>> =>
  ctx.lookups.read(
    `${input.symbol} ${input.wire}`,
    () => lookupByClientOrderId({ exchange: ctx.exchange, exchangeId: ctx.exchangeId, ...input }),
    notBefore,
  );
