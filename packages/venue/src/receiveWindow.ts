import { binanceError, illegalParameter, type BinanceError } from './binanceError';

export const DEFAULT_RECV_WINDOW_MS = 5000;
export const MAX_RECV_WINDOW_MS = 60000;

export const TIMESTAMP_OUTSIDE_WINDOW = binanceError(
  -1021,
  'Timestamp for this request is outside of the recvWindow.',
);
export const TIMESTAMP_AHEAD = binanceError(
  -1021,
  "Timestamp for this request was 1000ms ahead of the server's time.",
);
export const RECV_WINDOW_TOO_LARGE = binanceError(-1131, 'recvWindow must be less than 60000');

/**
 * Binance's receive window on a signed request, against its server's wall clock (not the
 * recording's market time): taken when `timestamp < serverTime + 1000` and
 * `serverTime - timestamp <= recvWindow` (5000 ms unless sent, at most 60000). A client whose
 * clock runs late, or whose request sat in a queue, gets -1021, which ccxt raises as InvalidNonce.
 */
export const checkReceiveWindow = (
  timestamp: string,
  recvWindow: string | undefined,
  serverTime: number,
): BinanceError | null => {
  if (!/^[0-9]{1,19}$/.test(timestamp)) return illegalParameter('timestamp', '^[0-9]{1,19}$');
  if (recvWindow !== undefined && !/^[0-9]{1,19}(\.[0-9]{1,3})?$/.test(recvWindow))
    return illegalParameter('recvWindow', '^[0-9]{1,19}$');
  const window = recvWindow === undefined ? DEFAULT_RECV_WINDOW_MS : Number(recvWindow);
  if (window > MAX_RECV_WINDOW_MS) return RECV_WINDOW_TOO_LARGE;
  const ts = Number(timestamp);
  if (ts >= serverTime + 1000) return TIMESTAMP_AHEAD;
  return serverTime - ts <= window ? null : TIMESTAMP_OUTSIDE_WINDOW;
};
