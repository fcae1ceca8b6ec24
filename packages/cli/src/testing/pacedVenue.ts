import type { Venue, VenueTick } from '@smart-orders/venue';

// A control read may meet the venue closing an idle keep-alive connection: it is read again, once.
export const control = async <T>(venue: Venue, path: string): Promise<T> => {
  try {
    return (await (await fetch(`${venue.url}${path}`)).json()) as T;
  } catch {
    await new Promise((r) => setTimeout(r, 100));
    return (await (await fetch(`${venue.url}${path}`)).json()) as T;
  }
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Plays a step-mode venue's recording at `speed` × real time from the moment the run listens to
 * its trades (subscribes to `topic`). A venue playing from its own start let a run slowed by a loaded machine (its
 * start-up, ccxt's dozen market requests) meet the plan's prices late or never, and wait for the
 * recording's end (the Binance runs' e2e tests time out so when other tests run beside them);
 * paced from the run's subscription, every run meets the same prices.
 */
export const playOnceTrading = (
  venue: Venue,
  ticks: readonly VenueTick[],
  speed: number,
  topic: string,
) => {
  let stopped = false;
  const played = (async () => {
    while (
      !stopped &&
      !(await control<{ streams: string[] }>(venue, '/control/state')).streams.includes(topic)
    )
      await sleep(50);
    const startedAt = Date.now();
    const first = ticks[0]?.ts ?? 0;
    let next = 1; // the venue plays the first tick at its start
    while (!stopped && next < ticks.length) {
      const due = first + (Date.now() - startedAt) * speed;
      let n = 0;
      while (next + n < ticks.length && (ticks[next + n]?.ts ?? Infinity) <= due) n += 1;
      if (n > 0) venue.advance(n);
      next += n;
      await sleep(20);
    }
  })();
  return async () => {
    stopped = true;
    await played;
  };
};
