import type { BinanceError } from './binanceError';

/** What an endpoint answers; `unanswered` keeps the HTTP request hanging (executeWithoutAnswer). */
export type RestAnswer =
  { readonly status: number; readonly body: unknown } | { readonly unanswered: true };

export const ok = (body: unknown): RestAnswer => ({ status: 200, body });

export const fail = (e: BinanceError): RestAnswer => ({
  status: e.status,
  body: { code: e.code, msg: e.msg },
});
