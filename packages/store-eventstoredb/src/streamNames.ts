import { accountStream, orderStream } from '@smart-orders/engine';
import { eventStoreDbError } from './eventStoreDbError';

/** The stream categories the engine writes: smart orders, accounts and partition leases. */
export const DEFAULT_STREAM_CATEGORIES: readonly string[] = [
  orderStream(''),
  accountStream(''),
  'lease-',
];

/**
 * How port streams and checkpoints are named on the server. Every name starts with
 * `streamPrefix`, so runs or tenants sharing one server never see each other's streams.
 * Checkpoints live outside the categories, hence outside `readAll` and the `$all`
 * filter; they are not `$`-streams, because writing those needs the `$admins` role.
 */
export interface StreamNames {
  readonly esdbStream: (stream: string) => string;
  /** The port stream of a server stream; null for checkpoints, `$`-streams, other prefixes. */
  readonly portStream: (esdbStream: string) => string | null;
  readonly checkpointStream: (name: string) => string;
  /** The prefixes of the server-side `$all` filter. */
  readonly prefixes: readonly string[];
  /** Throws STREAM_NOT_SUPPORTED for a stream `readAll` and `subscribeAll` would never show. */
  readonly ensureSupported: (stream: string) => void;
}

export const streamNamesFor = (
  streamPrefix = '',
  categories: readonly string[] = DEFAULT_STREAM_CATEGORIES,
): StreamNames => {
  const inCategory = (stream: string): boolean => categories.some((c) => stream.startsWith(c));
  return {
    esdbStream: (stream) => `${streamPrefix}${stream}`,
    portStream: (esdbStream) => {
      if (!esdbStream.startsWith(streamPrefix)) return null;
      const stream = esdbStream.slice(streamPrefix.length);
      return inCategory(stream) ? stream : null;
    },
    checkpointStream: (name) => `${streamPrefix}checkpoint-${name}`,
    prefixes: categories.map((c) => `${streamPrefix}${c}`),
    ensureSupported: (stream) => {
      if (inCategory(stream)) return;
      throw eventStoreDbError(
        'STREAM_NOT_SUPPORTED',
        `${stream}: this EventStoreDB store reads back only streams starting with ` +
          `${categories.map((c) => `"${c}"`).join(' or ')} (its $all filter); ` +
          'name the stream so, or pass streamCategories',
      );
    },
  };
};
