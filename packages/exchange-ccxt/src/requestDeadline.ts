import type { Exchange as CcxtInstance } from 'ccxt';
import type { CcxtExchangeId } from './exchangeIds';
import { DEADLINE_MS } from './venueProfile';

type Fetch = (url: string, method?: string, headers?: unknown, body?: unknown) => Promise<unknown>;

// Neither header is part of the signed text on these venues, so adding it after signing is safe.
const DEADLINE_HEADER: Partial<Record<CcxtExchangeId, { header: string; path: RegExp }>> = {
  okx: { header: 'expTime', path: /\/api\/v5\/trade\/(order|batch-orders)$/ },
  gate: {
    header: 'x-gate-exptime',
    path: /\/api\/v4\/(spot|futures\/\w+|delivery\/\w+)\/(orders|batch_orders)$/,
  },
};

/**
 * Gives every create a deadline after which the venue refuses to execute it (see
 * `VenueProfile`): without one, "not found" right after a timeout proves nothing.
 */
export const installRequestDeadline = (
  exchange: CcxtInstance,
  exchangeId: CcxtExchangeId,
  now: () => number,
): void => {
  if (exchangeId === 'binance' || exchangeId === 'bybit') {
    exchange.options['recvWindow'] = DEADLINE_MS;
    return;
  }
  const rule = DEADLINE_HEADER[exchangeId];
  if (rule === undefined) return;
  const target = exchange as unknown as { fetch: Fetch };
  const original = target.fetch.bind(exchange);
  target.fetch = (url, method, headers, body) => {
    const path = url.split('?')[0] ?? url;
    const withDeadline =
      method === 'POST' && rule.path.test(path)
        ? { ...(headers as Record<string, string>), [rule.header]: String(now() + DEADLINE_MS) }
        : headers;
    return original(url, method, withDeadline, body);
  };
};

/** Kraken signs the body, so its deadline travels as an order parameter. */
export const deadlineParams = (
  exchangeId: CcxtExchangeId,
  now: () => number,
): Record<string, string> =>
  exchangeId === 'kraken' ? { deadline: new Date(now() + DEADLINE_MS).toISOString() } : {};
