import { orderStream, readAllEvents } from '@smart-orders/engine';
import { OrderId } from '@smart-orders/core';
import { badInput } from '../cliFailure';
import { formatJsonl, formatTimelineRow } from '../output';
import { openStore, parseStoreUrl } from '../storeUrl';
import type { Io } from './replay';

export interface AuditArgs {
  readonly orderId?: string;
  readonly store: string;
  readonly format?: 'jsonl' | 'table';
}

/** `smart-orders audit`: the stored events, all orders in store order or one order's stream. */
export const auditCommand = async (args: AuditArgs, io: Io): Promise<void> => {
  const format = args.format ?? (io.stdoutIsTerminal ? 'table' : 'jsonl');
  if (format !== 'jsonl' && format !== 'table')
    badInput(`--format: must be jsonl or table, got "${format}"`);
  if (args.orderId !== undefined && !OrderId.is(args.orderId)) {
    badInput(`ORDER_ID: must be 1..64 characters of [A-Za-z0-9_-], got "${args.orderId}"`);
  }
  const store = await openStore(parseStoreUrl(args.store));
  try {
    const print = format === 'jsonl' ? formatJsonl : formatTimelineRow;
    if (args.orderId === undefined) {
      for await (const e of readAllEvents(store)) io.out(print(e));
    } else {
      const events = await store.readStream(orderStream(args.orderId));
      if (events.length === 0) io.err(`audit: no events for order ${args.orderId}`);
      for (const e of events) io.out(print(e));
    }
  } finally {
    await store.close();
  }
};
