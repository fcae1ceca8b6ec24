import type { VenueTick } from '../venueTick';

export const T0 = 1_700_000_000_000;
export const SYMBOL = 'BTC/USDT';
export const API_KEY = 'test-key';
export const SECRET = 'test-secret';

/** One tick a second from T0: a number is a last price with a 1-wide book around it. */
export const ticks = (
  rows: readonly (number | Omit<VenueTick, 'type' | 'symbol' | 'ts'>)[],
): VenueTick[] =>
  rows.map((row, i) => {
    const ts = T0 + i * 1000;
    if (typeof row === 'number')
      return { type: 'Tick', symbol: SYMBOL, ts, price: row, bid: row - 0.5, ask: row + 0.5 };
    return { type: 'Tick', symbol: SYMBOL, ts, ...row } as VenueTick;
  });

export const controlGet = async <T>(url: string, path: string): Promise<T> => {
  const res = await fetch(`${url}${path}`);
  return (await res.json()) as T;
};

export const controlPost = async <T>(
  url: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
};

/** Resolves when `check` holds, polling; rejects after `ms`. */
export const eventually = async (
  check: () => boolean | Promise<boolean>,
  ms = 2000,
): Promise<void> => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
