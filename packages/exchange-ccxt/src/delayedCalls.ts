import type { Exchange as CcxtInstance } from 'ccxt';

/**
 * ccxt schedules its own later calls with `delay` (binance's futures user-data stream renews its
 * listen key every 20 minutes) on timers that `close()` does not clear, so a process that closed
 * every connection would live on for them: a `run` whose orders had all ended never exited. The
 * exchange's delayed calls are kept here; the returned function clears those still waiting and
 * refuses later ones, since a request in flight at close (an authentication) may still schedule one.
 */
export const trackDelayedCalls = (exchange: CcxtInstance): (() => void) => {
  const waiting = new Set<NodeJS.Timeout>();
  let closed = false;
  const spawn = (exchange as unknown as { spawn: (method: unknown, ...args: unknown[]) => unknown })
    .spawn;
  (exchange as unknown as { delay: unknown }).delay = (
    timeout: number,
    method: unknown,
    ...args: unknown[]
  ): void => {
    if (closed) return;
    const timer = setTimeout(() => {
      waiting.delete(timer);
      spawn.call(exchange, method, ...args);
    }, timeout);
    waiting.add(timer);
  };
  return () => {
    closed = true;
    for (const timer of waiting) clearTimeout(timer);
    waiting.clear();
  };
};
