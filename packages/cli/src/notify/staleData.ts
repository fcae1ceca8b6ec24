import type { OperatorAlert } from './operatorAlert';

/**
 * Stale data: a symbol that had ticks and has had none for `staleAfterMs` raises one alert,
 * and another only after its ticks came back and stopped again. Returns the stop function.
 */
export const watchStaleData = (
  lastTicks: () => ReadonlyMap<string, number>,
  staleAfterMs: number,
  onStale: (alert: OperatorAlert) => void,
  checkEveryMs = Math.min(1_000, staleAfterMs / 2),
): (() => void) => {
  const reported = new Map<string, number>();
  const timer = setInterval(() => {
    const now = Date.now();
    for (const [symbol, at] of lastTicks()) {
      if (now - at < staleAfterMs || reported.get(symbol) === at) continue;
      reported.set(symbol, at);
      onStale({
        kind: 'STALE_DATA',
        text: `${symbol}: no tick for ${Math.round((now - at) / 1000)} s (the last at ${new Date(at).toISOString()})`,
        ts: now,
        account: null,
        orderId: null,
        event: null,
      });
    }
  }, checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
};
