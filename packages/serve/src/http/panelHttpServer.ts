import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { PushHub } from '../push/pushHub';
import { handleApi, type ApiContext } from './apiRoutes';
import { isFailure, sendJson } from './httpMessages';
import { serveStatic } from './staticFiles';

const refuseUpgrade = (socket: Duplex, status: string, message: string) => {
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${message}`,
  );
};

const afterOf = (url: URL): number | undefined | 'invalid' => {
  const after = url.searchParams.get('after');
  if (after === null) return undefined;
  return /^\d{1,15}$/.test(after) ? Number(after) : 'invalid';
};

/**
 * One HTTP server for the three doors of the panel: the API under `/api/`, the WebSocket at
 * `/ws` (`?after=<position>` to catch up), the page everywhere else. The guard looks at every
 * request before anything else does.
 */
export const createPanelHttpServer = (ctx: ApiContext, hub: PushHub, webRoot: string): Server => {
  const { guard, onWarning } = ctx;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refused = guard.checkSource(req);
    if (refused !== null) return sendJson(res, refused.status, refused.error);
    if (url.pathname.startsWith('/api/')) return void handleApi(ctx, req, res, url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(
        res,
        405,
        { code: 'METHOD_NOT_ALLOWED', message: 'the page is read with GET', issues: [] },
        { allow: 'GET' },
      );
    serveStatic(webRoot, url.pathname, res).catch((e: unknown) => {
      onWarning(`page ${url.pathname}: ${e instanceof Error ? e.message : String(e)}`);
      res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws')
      return refuseUpgrade(socket, '404 Not Found', 'the WebSocket is at /ws');
    const refused = guard.checkSource(req);
    if (isFailure(refused)) return refuseUpgrade(socket, '403 Forbidden', refused.error.message);
    const after = afterOf(url);
    if (after === 'invalid')
      return refuseUpgrade(
        socket,
        '400 Bad Request',
        'after: must be a store position, an integer >= 0',
      );
    hub.upgrade(req, socket, head, after);
  });
  return server;
};
