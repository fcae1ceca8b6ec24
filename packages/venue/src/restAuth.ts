import type { IncomingHttpHeaders } from 'node:http';
import {
  API_KEY_FORMAT,
  BAD_SIGNATURE,
  INVALID_API_KEY,
  mandatoryParameter,
  type BinanceError,
} from './binanceError';
import type { Params } from './orderRequest';
import { checkReceiveWindow } from './receiveWindow';
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
 * Binance's checks, in its order: the `X-MBX-APIKEY` header, the timestamp held to the receive
 * window against the server's wall clock (`serverTime`), then a signature over the request as
 * sent (HMAC-SHA256 with the secret).
 */
export const authenticate = (
  creds: Credentials,
  security: Security,
  req: RawRequest,
  serverTime: number,
): BinanceError | null => {
  if (security === 'NONE') return null;
  const key = req.headers['x-mbx-apikey'];
  if (typeof key !== 'string' || key === '') return API_KEY_FORMAT;
  if (key !== creds.apiKey) return INVALID_API_KEY;
  if (security === 'API_KEY') return null;
  const timestamp = req.params['timestamp'];
  if (timestamp === undefined) return mandatoryParameter('timestamp');
  const late = checkReceiveWindow(timestamp, req.params['recvWindow'], serverTime);
  if (late !== null) return late;
  const { payload, signature } = restSignedPayload(req.rawQuery, req.rawBody);
  if (signature === null) return mandatoryParameter('signature');
  return signatureMatches(creds.secret, payload, signature) ? null : BAD_SIGNATURE;
};

/** `userDataStream.subscribe.signature` and other signed WebSocket API requests. */
export const authenticateWsApi = (
  creds: Credentials,
  params: Readonly<Record<string, unknown>>,
  serverTime: number,
): BinanceError | null => {
  if (params['apiKey'] !== creds.apiKey) return INVALID_API_KEY;
  const timestamp = params['timestamp'];
  if (timestamp === undefined) return mandatoryParameter('timestamp');
  const recvWindow = params['recvWindow'];
  const late = checkReceiveWindow(
    String(timestamp as string | number),
    recvWindow === undefined ? undefined : String(recvWindow as string | number),
    serverTime,
  );
  if (late !== null) return late;
  const signature = params['signature'];
  if (typeof signature !== 'string') return mandatoryParameter('signature');
  return signatureMatches(creds.secret, wsApiSignedPayload(params), signature)
    ? null
    : BAD_SIGNATURE;
};
