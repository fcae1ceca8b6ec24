import type { IncomingHttpHeaders } from 'node:http';
import {
  API_KEY_FORMAT,
  BAD_SIGNATURE,
  INVALID_API_KEY,
  mandatoryParameter,
  type BinanceError,
} from './binanceError';
import type { Params } from './orderRequest';
import { restSignedPayload, signatureMatches, wsApiSignedPayload } from './signature';

export type Security = 'NONE' | 'API_KEY' | 'SIGNED';

export interface Credentials {
  readonly apiKey: string;
  readonly secret: string;
}

export interface RawRequest {
  readonly headers: IncomingHttpHeaders;
  readonly rawQuery: string;
  readonly rawBody: string;
  readonly params: Params;
}

/**
 * Binance's checks, in its order: the `X-MBX-APIKEY` header, then a signature over the request
 * as sent (HMAC-SHA256 with the secret). The timestamp must be there, but it is not held to a
 * receive window: the venue's clock is recorded time, not the client's.
 */
export const authenticate = (
  creds: Credentials,
  security: Security,
  req: RawRequest,
): BinanceError | null => {
  if (security === 'NONE') return null;
  const key = req.headers['x-mbx-apikey'];
  if (typeof key !== 'string' || key === '') return API_KEY_FORMAT;
  if (key !== creds.apiKey) return INVALID_API_KEY;
  if (security === 'API_KEY') return null;
  if (req.params['timestamp'] === undefined) return mandatoryParameter('timestamp');
  const { payload, signature } = restSignedPayload(req.rawQuery, req.rawBody);
  if (signature === null) return mandatoryParameter('signature');
  return signatureMatches(creds.secret, payload, signature) ? null : BAD_SIGNATURE;
};

/** `userDataStream.subscribe.signature` and other signed WebSocket API requests. */
export const authenticateWsApi = (
  creds: Credentials,
  params: Readonly<Record<string, unknown>>,
): BinanceError | null => {
  if (params['apiKey'] !== creds.apiKey) return INVALID_API_KEY;
  if (params['timestamp'] === undefined) return mandatoryParameter('timestamp');
  const signature = params['signature'];
  if (typeof signature !== 'string') return mandatoryParameter('signature');
  return signatureMatches(creds.secret, wsApiSignedPayload(params), signature)
    ? null
    : BAD_SIGNATURE;
};
