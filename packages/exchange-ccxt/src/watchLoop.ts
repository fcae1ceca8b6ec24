export interface WatchLoopOptions<T> {
  /** One ccxt `watch*` call: resolves with what arrived since the last call. */
  readonly watch: () => Promise<T>;
  readonly onData: (data: T) => void;
  /**
   * Runs after the loop (re)subscribed, while the new subscription is already collecting:
   * what changed while the connection was down is read over REST without losing updates.
   */
  readonly onSubscribed?: (reconnect: boolean) => Promise<void>;
  readonly onError: (e: unknown) => void;
  readonly backoffMs: readonly number[];
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * A WebSocket subscription that survives its connection: every failure is reported, waited
 * out with backoff, and followed by a fresh subscription and `onSubscribed`. Returns the stop
 * function; a stopped loop makes no further calls.
 */
export const startWatchLoop = <T>(options: WatchLoopOptions<T>): (() => void) => {
  let running = true;
  const run = async (): Promise<void> => {
    let failures = 0;
    let resubscribed = true;
    let reconnect = false;
    while (running) {
      const next = options.watch();
      // It may fail while `onSubscribed` still runs; it is awaited (and its error read) below.
      next.catch(() => undefined);
      try {
        if (resubscribed && options.onSubscribed !== undefined)
          await options.onSubscribed(reconnect);
        resubscribed = false;
        const data = await next;
        if (!running) return;
        failures = 0;
        options.onData(data);
      } catch (e) {
        if (!running) return;
        options.onError(e);
        const delay = options.backoffMs[Math.min(failures, options.backoffMs.length - 1)] ?? 1000;
        failures += 1;
        resubscribed = true;
        reconnect = true;
        await options.sleep(delay);
      }
    }
  };
  void run();
  return () => {
    running = false;
  };
};
