import { createHmac, timingSafeEqual } from 'node:crypto';

const hmacHex = (secret: string, payload: string): string =>
  createHmac('sha256', secret).update(payload).digest('hex');

export const signatureMatches = (secret: string, payload: string, signature: string): boolean => {
  const expected = Buffer.from(hmacHex(secret, payload));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
};

const withoutSignature = (raw: string): { rest: string; signature: string | null } => {
  const parts = raw === '' ? [] : raw.split('&');
  const sig = parts.find((p) => p.startsWith('signature='));
  return {
    rest: parts.filter((p) => !p.startsWith('signature=')).join('&'),
    signature: sig === undefined ? null : decodeURIComponent(sig.slice('signature='.length)),
  };
};

/**
 * Binance REST signs `totalParams`: the query string followed by the body, exactly as sent and
 * without the `signature` parameter.
 */
export const restSignedPayload = (
  rawQuery: string,
  rawBody: string,
): { payload: string; signature: string | null } => {
  const q = withoutSignature(rawQuery);
  const b = withoutSignature(rawBody);
  return { payload: q.rest + b.rest, signature: q.signature ?? b.signature };
};

/** The WebSocket API signs its params sorted by name, `k=v` joined with `&`, unencoded. */
export const wsApiSignedPayload = (params: Readonly<Record<string, unknown>>): string =>
  Object.keys(params)
    .filter((k) => k !== 'signature')
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
