import type { RestLimit } from './venueProfile';

/**
 * How an instance's REST calls are paced: ccxt's own rate (`rateLimit`, ms per unit of cost),
 * its cost per endpoint, and either a rolling window of `windowMs` (the venue's own budget, as
 * ccxt states it) or, where the venue's limit is not one window, a leaky bucket of one unit.
 */
export interface RestBudget {
  readonly rateLimitMs: number;
  /** 0: a leaky bucket. */
  readonly windowMs: number;
}

/** Reads may use this share of a rolling window: the rest is kept for orders. */
export const READ_SHARE = 0.8;

interface Waiting {
  readonly cost: number;
  readonly admit: () => void;
}

/**
 * ccxt paces every REST call of an instance through one first-in first-out queue, so an order's
 * create waits behind every read queued before it. On the venue, with a thousand resting
 * orders, the lookups a reconnect or a reconciliation makes (an order, then its trades for
 * the fee: 0.8 + 4 units of Binance's cost each) held each take-profit's create 300–600 ms
 * after the trade that triggered it, where a bare client sent it in 12 ms. This throttle keeps
 * ccxt's limits but serves the orders' creates, cancels and amends before any read, and lets
 * reads fill at most `READ_SHARE` of a rolling window, so that an order finds room at once.
 * Under a leaky bucket an order waits at most for the debt of the one read admitted before it.
 */
export const createSendsFirstThrottle = (
  budget: RestBudget,
  clock: () => number = () => performance.now(),
): ((cost: number, send: boolean) => Promise<void>) => {
  const sends: Waiting[] = [];
  const reads: Waiting[] = [];
  const maxWeight = budget.windowMs / budget.rateLimitMs;
  const spent: { readonly at: number; readonly cost: number }[] = [];
  let used = 0;
  let tokens = 0;
  let last = clock();
  let timer: NodeJS.Timeout | undefined;

  /** 0 when admitted (and counted); otherwise how long to wait before asking again. */
  const admission = (cost: number, send: boolean): number => {
    const now = clock();
    if (budget.windowMs <= 0) {
      tokens = Math.min(1, tokens + (now - last) / budget.rateLimitMs);
      last = now;
      if (tokens < 0) return Math.ceil(-tokens * budget.rateLimitMs);
      tokens -= cost;
      return 0;
    }
    while (spent.length > 0 && (spent[0] as { at: number }).at <= now - budget.windowMs)
      used -= (spent.shift() as { cost: number }).cost;
    const limit = send ? maxWeight : maxWeight * READ_SHARE;
    // A call costlier than the whole window still goes, alone.
    if (used > 0 && used + cost > limit)
      return Math.max(1, Math.ceil((spent[0] as { at: number }).at + budget.windowMs - now));
    spent.push({ at: now, cost });
    used += cost;
    return 0;
  };

  const pump = (): void => {
    clearTimeout(timer);
    timer = undefined;
    for (;;) {
      const queue = sends.length > 0 ? sends : reads;
      const next = queue[0];
      if (next === undefined) return;
      const wait = admission(next.cost, queue === sends);
      if (wait > 0) {
        timer = setTimeout(pump, wait);
        return;
      }
      queue.shift();
      next.admit();
    }
  };

  return (cost, send) =>
    new Promise<void>((admit) => {
      (send ? sends : reads).push({ cost, admit });
      pump();
    });
};

interface CcxtRest {
  fetch2(path: unknown, api?: unknown, method?: string, ...rest: unknown[]): Promise<unknown>;
  throttle(cost?: number): Promise<void>;
  readonly rateLimit: number;
  readonly rollingWindowSize?: number;
  readonly tokenBucket?: { readonly cost?: number };
}

/**
 * Installs the sends-first throttle on a ccxt instance: every REST call still passes its cost
 * to `throttle` (ccxt's `fetch2` does so synchronously, first thing), and a call whose HTTP
 * method is not GET is an order's create, cancel or amend (or a listen key's keep-alive).
 *
 * ccxt paces every venue with a leaky bucket of one unit, so on Binance an order sent after a
 * lookup of its trades (4 units) waited 150-200 ms for the lookup's debt, where the venue's rule
 * (weight per minute) had room for both at once; a venue whose limit is a `window` is paced by
 * that window instead.
 */
export const paceSendsFirst = (exchange: object, restLimit: RestLimit): void => {
  const ex = exchange as CcxtRest;
  const window = restLimit === 'window' && (ex.rollingWindowSize ?? 0) > 0;
  const throttle = createSendsFirstThrottle({
    rateLimitMs: ex.rateLimit,
    windowMs: window ? (ex.rollingWindowSize as number) : 0,
  });
  const fetch2 = ex.fetch2.bind(ex);
  let sending = false;
  ex.fetch2 = (path, api, method = 'GET', ...rest) => {
    sending = method !== 'GET';
    try {
      return fetch2(path, api, method, ...rest);
    } finally {
      sending = false;
    }
  };
  ex.throttle = (cost) => throttle(cost ?? ex.tokenBucket?.cost ?? 1, sending);
};
