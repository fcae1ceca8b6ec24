import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { BinanceError } from './binanceError';
import { answerStreamRequest, answerWsApiRequest, type WsRequest } from './wsRequest';

/**
 * One WebSocket connection. Market streams are named like Binance's (`btcusdt@trade`), kept in
 * lower case; a `/stream` connection gets them wrapped as `{ stream, data }`.
 */
interface Connection {
  readonly ws: WebSocket;
  readonly streams: Set<string>;
  readonly combined: boolean;
  /** A `/ws/<listenKey>` connection receives the user-data events raw. */
  readonly listenKey: string | null;
  /** WebSocket API user-data subscriptions: events come as `{ subscriptionId, event }`. */
  readonly subscriptions: Set<number>;
}

export interface StreamHubDeps {
  readonly isListenKey: (key: string) => boolean;
  readonly authorize: (params: Readonly<Record<string, unknown>>) => BinanceError | null;
  /** The server's wall clock, for the WebSocket API's `time`. */
  readonly now: () => number;
}

export interface StreamHub {
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** `build` runs only when someone listens to the stream. */
  publishMarket(stream: string, build: () => unknown): void;
  publishUserData(event: unknown): void;
  /** The closeWebSocket fault: every connection drops, without a close handshake. */
  dropAll(): void;
  /** Who listens: connections, market streams subscribed, user-data subscribers. */
  listeners(): {
    readonly connections: number;
    readonly streams: readonly string[];
    readonly userData: number;
  };
  close(): void;
}

export const createStreamHub = ({ isListenKey, authorize, now }: StreamHubDeps): StreamHub => {
  const wss = new WebSocketServer({ noServer: true });
  const connections = new Set<Connection>();
  let subscriptionCount = 0;
  const nextSubscriptionId = () => subscriptionCount++;

  const send = (ws: WebSocket, message: unknown) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };

  const accept = (ws: WebSocket, path: string, query: URLSearchParams) => {
    const tail = path.startsWith('/ws/') ? path.slice('/ws/'.length) : '';
    // USDⓈ-M user data: `/private/ws?listenKey=…` (ccxt 4.5), or the legacy `/ws/<listenKey>`.
    const queried = query.get('listenKey') ?? '';
    const listenKey =
      tail !== '' && isListenKey(tail)
        ? tail
        : queried !== '' && isListenKey(queried)
          ? queried
          : null;
    const named = path.endsWith('/stream')
      ? (query.get('streams') ?? '')
      : listenKey === null && tail.includes('@')
        ? tail
        : '';
    const c: Connection = {
      ws,
      streams: new Set(
        named
          .split('/')
          .filter((n) => n !== '')
          .map((n) => n.toLowerCase()),
      ),
      combined: path.endsWith('/stream'),
      listenKey,
      subscriptions: new Set(),
    };
    const wsApi = path === '/ws-api/v3';
    connections.add(c);
    ws.on('close', () => connections.delete(c));
    ws.on('error', () => connections.delete(c));
    ws.on('message', (data: RawData) => {
      let msg: WsRequest;
      try {
        msg = JSON.parse(data.toString()) as WsRequest;
      } catch (e) {
        return send(ws, {
          error: { code: 3, msg: `Invalid JSON: ${(e as Error).message}` },
          id: null,
        });
      }
      const session = { subscriptions: c.subscriptions, nextSubscriptionId, authorize, now };
      return send(ws, wsApi ? answerWsApiRequest(session, msg) : answerStreamRequest(c, msg));
    });
  };

  // Spot, and USDⓈ-M's routed streams: `/public/ws` (trades, book), `/market/ws`, `/private/ws`.
  const SERVED = /^\/(ws|ws\/.+|stream|ws-api\/v3|(public|market|private)\/(ws|ws\/.+|stream))$/;

  return {
    upgrade: (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://venue');
      if (!SERVED.test(url.pathname)) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, url.pathname, url.searchParams));
    },
    publishMarket: (stream, build) => {
      let message: unknown;
      for (const c of connections) {
        if (!c.streams.has(stream)) continue;
        message ??= build();
        send(c.ws, c.combined ? { stream, data: message } : message);
      }
    },
    publishUserData: (event) => {
      for (const c of connections) {
        if (c.listenKey !== null) send(c.ws, event);
        for (const subscriptionId of c.subscriptions) send(c.ws, { subscriptionId, event });
      }
    },
    dropAll: () => {
      for (const c of connections) c.ws.terminate();
      connections.clear();
    },
    listeners: () => {
      const all = [...connections];
      return {
        connections: all.length,
        streams: [...new Set(all.flatMap((c) => [...c.streams]))].sort(),
        userData: all.reduce(
          (n, c) => n + c.subscriptions.size + (c.listenKey === null ? 0 : 1),
          0,
        ),
      };
    },
    close: () => {
      for (const c of connections) c.ws.terminate();
      connections.clear();
      wss.close();
    },
  };
};
