import type { BinanceError } from './binanceError';

/**
 * What an endpoint answers, with the headers Binance adds (weight used, Retry-After);
 * `unanswered` keeps the HTTP request hanging (executeWithoutAnswer).
 */
export type RestAnswer =
  | {
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly unanswered: true };

export const ok = (body: unknown): RestAnswer => ({ status: 200, body });

export const fail = (e: BinanceError): RestAnswer => ({
  status: e.status,
  body: { code: e.code, msg: e.msg },
});

/** The limiter's headers on an answer, whatever it is. */
export const withHeaders = (
  answer: RestAnswer,
  headers: Readonly<Record<string, string>>,
): RestAnswer => ('unanswered' in answer ? answer : { ...answer, headers });
