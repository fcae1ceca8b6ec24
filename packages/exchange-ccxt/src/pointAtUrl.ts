/**
 * Points every REST and WebSocket URL of a ccxt exchange at one local origin, keeping the
 * paths, so a local venue that speaks the exchange's API can stand in for it.
 */
const ORIGIN = /^(https?|wss?):\/\/[^/]+/;

export const pointUrlsAt = (urls: unknown, base: URL): unknown => {
  if (typeof urls === 'string') {
    const m = ORIGIN.exec(urls);
    if (m === null) return urls;
    const secure = base.protocol === 'https:';
    const scheme = (m[1] ?? '').startsWith('ws')
      ? secure
        ? 'wss'
        : 'ws'
      : secure
        ? 'https'
        : 'http';
    return `${scheme}://${base.host}${urls.slice(m[0].length)}`;
  }
  if (urls !== null && typeof urls === 'object') {
    return Object.fromEntries(Object.entries(urls).map(([k, v]) => [k, pointUrlsAt(v, base)]));
  }
  return urls;
};
