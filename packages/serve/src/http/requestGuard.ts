import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { isLoopback } from '../isLoopback';
import { httpError, type ApiFailure } from './apiError';

export interface RequestGuard {
  /** Every request, page, API and WebSocket: where it claims to come from. */
  checkSource(req: IncomingMessage): ApiFailure | null;
  /** Every change: a JSON body and, when the server has one, the token. */
  checkChange(req: IncomingMessage): ApiFailure | null;
  /** A JSON body only (a signal carries its token in the body). */
  checkJson(req: IncomingMessage): ApiFailure | null;
}

const hostOf = (value: string): string | null => {
  try {
    return new URL(`http://${value}`).hostname;
  } catch {
    return null;
  }
};

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

const bare = (name: string): string => name.toLowerCase().replace(/^\[(.*)\]$/, '$1');

const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '';

/**
 * The Host must name this server, in every mode, which defeats DNS rebinding (a page of
 * evil.example that re-resolves to the server's address sends Host evil.example): loopback
 * names, the bound address, the names given with `--allowed-host`, and, when bound to every
 * interface, any address literal (a browser that asks for an address by number is on no one
 * else's page). A browser's Origin must be the page's own, which defeats cross-site requests
 * and WebSocket hijacking; a change must be JSON, which a cross-site form cannot send without
 * a preflight this server never grants.
 */
export const createRequestGuard = (options: {
  /** The address the server is bound to. */
  readonly host: string;
  readonly allowedHosts?: readonly string[];
  readonly token?: string;
}): RequestGuard => {
  const expected = options.token === undefined ? null : digest(options.token);
  const named = new Set([options.host, ...(options.allowedHosts ?? [])].map(bare));
  const wildcard = isWildcard(options.host);
  const answersTo = (name: string): boolean =>
    isLoopback(name) || named.has(bare(name)) || (wildcard && isIP(bare(name)) !== 0);
  const listed = [
    'localhost',
    '127.0.0.1',
    '[::1]',
    ...(isLoopback(options.host) ? [] : [wildcard ? "this machine's addresses" : options.host]),
    ...(options.allowedHosts ?? []),
  ].join(', ');
  const checkJson = (req: IncomingMessage): ApiFailure | null => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    return type === 'application/json'
      ? null
      : httpError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `a change must be sent as Content-Type: application/json, got ${type === '' ? 'none' : type}`,
        );
  };
  return {
    checkSource(req) {
      const host = req.headers.host;
      if (host !== undefined) {
        const name = hostOf(host);
        if (name === null || !answersTo(name))
          return httpError(
            403,
            'FORBIDDEN_HOST',
            `this server answers only to ${listed}; got Host ${host} (serve --allowed-host NAME adds a name)`,
          );
      }
      const origin = req.headers.origin;
      if (origin !== undefined) {
        let originHost: string | null = null;
        try {
          originHost = new URL(origin).host;
        } catch {
          originHost = null;
        }
        if (
          originHost === null ||
          host === undefined ||
          originHost.toLowerCase() !== host.toLowerCase()
        )
          return httpError(
            403,
            'FORBIDDEN_ORIGIN',
            `requests from ${origin} are refused: only the panel's own page (${host ?? 'this server'}) may call the API`,
          );
      }
      return null;
    },
    checkJson,
    checkChange(req) {
      const unjson = checkJson(req);
      if (unjson !== null) return unjson;
      if (expected === null) return null;
      const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (given === undefined || !timingSafeEqual(digest(given), expected))
        return httpError(
          401,
          'UNAUTHORIZED',
          "changes need the server's token: send Authorization: Bearer <token>, the --token (or SMART_ORDERS_TOKEN) serve was started with",
        );
      return null;
    },
  };
};
