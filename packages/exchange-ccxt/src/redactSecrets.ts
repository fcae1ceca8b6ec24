/**
 * ccxt error messages quote the request URL (signed query strings carry signatures and, on
 * some venues, the key) and the response body; nothing of a credential may leave the
 * adapter. Every message passes through here before it becomes an `ExchangeError`.
 */
const REDACTED = '[redacted]';

// A URL keeps its path (useful to a reader) and loses its query (signature, timestamp, key).
const URL_QUERY = /\b((?:https?|wss?):\/\/[^\s"'?#]+)\?[^\s"'#]*/g;
// Bearer tokens and JWTs (Coinbase signs with one) are credentials of their own.
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g;
const SIGNED_FIELD =
  /\b(signature|sign|apiKey|api_key|apikey|secret|passphrase|password|token)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi;

export const redactSecrets = (message: string, secrets: readonly string[]): string => {
  let text = message.replace(URL_QUERY, '$1?' + REDACTED).replace(JWT, REDACTED);
  text = text.replace(SIGNED_FIELD, `$1$2${REDACTED}`);
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      text = text.split(form).join(REDACTED);
    }
  }
  return text;
};

/** The credential values of a ccxt config: whatever of them is set. */
export const secretsOf = (credentials: Readonly<Record<string, unknown>> | undefined): string[] =>
  Object.values(credentials ?? {}).filter((v): v is string => typeof v === 'string' && v !== '');
