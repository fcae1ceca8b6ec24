import type { StoredEvent } from '@smart-orders/engine';

/** One event envelope as one JSON line, keys in the order of EVENTS.md. */
export const formatJsonl = (e: StoredEvent): string =>
  JSON.stringify({
    position: e.position,
    stream: e.stream,
    orderId: e.orderId,
    version: e.version,
    ts: e.ts,
    type: e.type,
    data: e.data,
  });
