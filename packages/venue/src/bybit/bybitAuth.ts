import type { IncomingHttpHeaders } from 'node:http';
import type { Credentials } from '../restAuth';
import { signatureMatches } from '../signature';
import {
  badSign,
  bybitError,
  INVALID_API_KEY,
  outsideRecvWindow,
  paramError,
  type BybitError,
} from './bybitError';

const header = (headers: IncomingHttpHeaders, name: string): string => {
  const v = headers[name];
  return typeof v === 'string' ? v : '';
};

/** Bybit's receive window unless `X-BAPI-RECV-WINDOW` says otherwise. */
const DEFAULT_BYBIT_RECV_WINDOW_MS = 5000;

/**
 * Bybit v5's HMAC checks of a private REST request: `X-BAPI-API-KEY`, `X-BAPI-TIMESTAMP` held to
 * `X-BAPI-RECV-WINDOW` against the server's wall clock (`server − recvWindow ≤ timestamp <
 * server + 1000`), and `X-BAPI-SIGN`, the hex HMAC-SHA256 with the secret of timestamp + key +
 * recvWindow + the query string (GET) or the body (POST), as sent.
 */
export const authenticateBybit = (
  creds: Credentials,
  headers: IncomingHttpHeaders,
  method: string,
  rawQuery: string,
  rawBody: string,
  serverTime: number,
): BybitError | null => {
  const key = header(headers, 'x-bapi-api-key');
  const timestamp = header(headers, 'x-bapi-timestamp');
  const sign = header(headers, 'x-bapi-sign');
  const recvText = header(headers, 'x-bapi-recv-window');
  if (key === '' || timestamp === '' || sign === '')
    return paramError(
      `empty value: apiTimestamp[${timestamp}] apiKey[${key}] apiSignature[${sign}]`,
    );
  if (key !== creds.apiKey) return INVALID_API_KEY;
  if (!/^[0-9]{1,19}$/.test(timestamp))
    return paramError(`invalid timestamp: apiTimestamp[${timestamp}]`);
  if (recvText !== '' && !/^[0-9]{1,9}$/.test(recvText))
    return paramError(`invalid recv_window: recvWindow[${recvText}]`);
  const recvWindow = recvText === '' ? DEFAULT_BYBIT_RECV_WINDOW_MS : Number(recvText);
  const ts = Number(timestamp);
  if (ts >= serverTime + 1000 || serverTime - recvWindow > ts)
    return outsideRecvWindow(ts, serverTime, recvWindow);
  const origin = `${timestamp}${key}${recvText}${method === 'GET' ? rawQuery : rawBody}`;
  return signatureMatches(creds.secret, origin, sign) ? null : badSign(origin);
};

/**
 * The private WebSocket's `auth` op: args `[apiKey, expires, signature]`, the signature the hex
 * HMAC-SHA256 of `GET/realtime` + expires; expires must lie in the future of the server clock.
 */
export const authenticateBybitSocket = (
  creds: Credentials,
  args: unknown,
  serverTime: number,
): string | null => {
  if (!Array.isArray(args) || args.length !== 3) return 'Params Error';
  const [key, expires, signature] = args.map((a) => String(a));
  if (key !== creds.apiKey) return 'Invalid apikey';
  if (!/^[0-9]{1,19}$/.test(expires ?? '') || Number(expires) < serverTime)
    return 'Params Error: expires is in the past';
  return signatureMatches(creds.secret, `GET/realtime${expires}`, signature ?? '')
    ? null
    : 'Invalid sign';
};

/** A route the venue does not serve, said with the ones it does. */
export const notServed = (route: string, served: readonly string[]): BybitError =>
  bybitError(10001, `${route} is not served by the venue; it serves ${served.join(', ')}`);
