import { readOrderViews } from '@smart-orders/engine';
import { badInput } from '../cliFailure';
import { formatStatus } from '../output';
import { openExistingStore, parseStoreUrl, readingStore } from '../storeUrl';
import type { Io } from './replay';

export interface StatusArgs {
  readonly store: string;
  readonly format?: 'table' | 'json';
}

/** `smart-orders status`: one row per order, folded from the log. */
export const statusCommand = async (args: StatusArgs, io: Io): Promise<void> => {
  const format = args.format ?? 'table';
  if (format !== 'table' && format !== 'json')
    badInput(`--format: must be table or json, got "${format}"`);
  const url = parseStoreUrl(args.store);
  const store = await openExistingStore(url);
  try {
    io.out(formatStatus(await readingStore(url, () => readOrderViews(store)), format));
  } finally {
    await store.close();
  }
};
