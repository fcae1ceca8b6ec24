import { orderStream, readAllEvents, type StoredEvent } from '@smart-orders/engine';
import { OrderId } from '@smart-orders/core';
import { badInput } from '../cliFailure';
import { formatJsonl, formatTimelineRow, heartbeatRuns } from '../output';
import { openExistingStore, parseStoreUrl, readingStore } from '../storeUrl';
import type { Io } from './replay';

export interface AuditArgs {
  readonly orderId?: string;
  readonly store: string;
  readonly format?: 'jsonl' | 'table';
  /** Every heartbeat one by one, instead of each run of them as its first and last. */
  readonly all?: boolean;
}

/** `smart-orders audit`: the stored events, all orders in store order or one order's stream. */
export const auditCommand = async (args: AuditArgs, io: Io): Promise<void> => {
  const format = args.format ?? (io.stdoutIsTerminal ? 'table' : 'jsonl');
  if (format !== 'jsonl' && format !== 'table')
    badInput(`--format: must be jsonl or table, got "${format}"`);
  if (args.orderId !== undefined && !OrderId.is(args.orderId)) {
    badInput(`ORDER_ID: must be 1..64 characters of [A-Za-z0-9_-], got "${args.orderId}"`);
  }
  const url = parseStoreUrl(args.store);
  const store = await openExistingStore(url);
  try {
    const print = format === 'jsonl' ? formatJsonl : formatTimelineRow;
    if (args.orderId === undefined) {
      const runs = heartbeatRuns(format, print);
      const show = (e: StoredEvent) => {
        for (const line of args.all === true ? [print(e)] : runs.push(e)) io.out(line);
      };
      await readingStore(url, async () => {
        for await (const e of readAllEvents(store)) show(e);
      });
      for (const line of runs.end()) io.out(line);
      const left = [
        ...(runs.summarised > 0 ? [`${runs.summarised} heartbeats`] : []),
        ...(runs.renewalsSummarised > 0 ? [`${runs.renewalsSummarised} lease renewals`] : []),
      ];
      if (left.length > 0)
        io.err(`audit: ${left.join(' and ')} inside runs not printed (--all prints each)`);
    } else {
      const orderId = args.orderId;
      const events = await readingStore(url, () => store.readStream(orderStream(orderId)));
      if (events.length === 0) badInput(`ORDER_ID: the store holds no order ${orderId}`);
      for (const e of events) io.out(print(e));
    }
  } finally {
    await store.close();
  }
};
