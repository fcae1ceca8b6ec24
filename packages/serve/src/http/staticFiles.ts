import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The page may talk to its own server only, and never be framed (a hidden cancel button). */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const text = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...PAGE_HEADERS });
  res.end(body);
};

/**
 * The built page under `root`. Vite names its assets by content hash, so they are cached for
 * good; `index.html` is not, so a rebuilt page is picked up at the next load.
 */
export const serveStatic = async (
  root: string,
  pathname: string,
  res: ServerResponse,
): Promise<void> => {
  let relative: string;
  try {
    relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return text(res, 400, `not a valid path: ${pathname}`);
  }
  const file = normalize(join(root, relative));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep))
    return text(res, 404, 'not found');
  const found = await stat(file).catch(() => null);
  if (found === null || !found.isFile()) {
    if (relative === 'index.html')
      return text(
        res,
        503,
        `the panel's page is not built (no ${file}): run npm run build at the repository root`,
      );
    return text(res, 404, 'not found');
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': found.size,
    'cache-control': relative.startsWith('assets/')
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
    ...PAGE_HEADERS,
  });
  createReadStream(file).pipe(res);
};
