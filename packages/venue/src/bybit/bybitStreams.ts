import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

/** A private topic's message as the venue hands it over: the topic and its data list. */
export interface PrivateEvent {
  readonly topic: 'order' | 'execution' | 'wallet' | 'position';
  readonly data: readonly unknown[];
}

interface Connection {
  readonly ws: WebSocket;
  readonly id: string;
  /** `/v5/private` needs the `auth` op before it subscribes. */
  readonly private: boolean;
  authed: boolean;
  readonly topics: Set<string>;
}

export interface BybitStreamsDeps {
  /** Checks an `auth` op's args; null when taken, else Bybit's `ret_msg`. */
  readonly authorize: (args: unknown) => string | null;
  /** The server's wall clock: `ts` of messages and `pong` times. */
  readonly now: () => number;
}

export interface BybitStreams {
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** A public topic (`publicTrade.BTCUSDT`); `build` runs only when someone listens. */
  publishPublic(topic: string, build: () => readonly unknown[]): void;
  /** `order`, `execution`, `wallet` or `position` to every authenticated subscriber of the topic. */
  publishPrivate(event: PrivateEvent): void;
  dropAll(): void;
  listeners(): {
    readonly connections: number;
    readonly streams: readonly string[];
    readonly userData: number;
  };
  close(): void;
}

const PRIVATE_TOPICS = ['order', 'execution', 'wallet', 'position'];
const PUBLIC_TOPIC = /^publicTrade\.[A-Z0-9]+$/;

interface Op {
  readonly op?: unknown;
  readonly req_id?: unknown;
  readonly args?: unknown;
}

/**
 * Bybit v5's WebSockets: `/v5/public/spot` (and `/linear`) serve `publicTrade.<symbol>`;
 * `/v5/private` serves `order`, `execution` and `wallet` after the `auth` op. Requests are
 * `{op, req_id, args}`; answers `{success, ret_msg, conn_id, req_id, op}`, as Bybit sends them.
 */
export const createBybitStreams = ({ authorize, now }: BybitStreamsDeps): BybitStreams => {
  const wss = new WebSocketServer({ noServer: true });
  const connections = new Set<Connection>();
  let connectionCount = 0;

  const send = (ws: WebSocket, message: unknown) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };

  const answer = (c: Connection, msg: Op): unknown => {
    const reqId = msg.req_id === undefined ? {} : { req_id: String(msg.req_id as string) };
    const reply = (success: boolean, retMsg: string, op: string) => ({
      success,
      ret_msg: retMsg,
      conn_id: c.id,
      ...reqId,
      op,
    });
    const args = Array.isArray(msg.args) ? (msg.args as unknown[]).map((a) => String(a)) : [];
    const op = typeof msg.op === 'string' ? msg.op : '';
    switch (op) {
      case 'ping':
        return c.private
          ? { ...reqId, op: 'pong', args: [String(now())], conn_id: c.id }
          : reply(true, 'pong', 'ping');
      case 'auth': {
        if (!c.private) return reply(false, 'auth is only for the private stream', 'auth');
        const refused = authorize(msg.args);
        if (refused === null) c.authed = true;
        return reply(refused === null, refused ?? '', 'auth');
      }
      case 'subscribe':
      case 'unsubscribe': {
        if (c.private && !c.authed) return reply(false, 'Request not authorized', op);
        const bad = args.find((t) =>
          c.private ? !PRIVATE_TOPICS.includes(t) : !PUBLIC_TOPIC.test(t),
        );
        if (bad !== undefined)
          return reply(
            false,
            `error:handler not found,topic:${bad} (the venue serves ${c.private ? PRIVATE_TOPICS.join(', ') : 'publicTrade.<symbol>'} here)`,
            op,
          );
        for (const t of args) {
          if (op === 'subscribe') c.topics.add(t);
          else c.topics.delete(t);
        }
        return reply(true, '', op);
      }
      default:
        return reply(false, `error:request op ${op} is not served`, 'error');
    }
  };

  const accept = (ws: WebSocket, path: string) => {
    connectionCount += 1;
    const c: Connection = {
      ws,
      id: `venue-${connectionCount}`,
      private: path === '/v5/private',
      authed: false,
      topics: new Set(),
    };
    connections.add(c);
    ws.on('close', () => connections.delete(c));
    ws.on('error', () => connections.delete(c));
    ws.on('message', (data: RawData) => {
      let msg: Op;
      try {
        msg = JSON.parse(data.toString()) as Op;
      } catch (e) {
        return send(ws, {
          success: false,
          ret_msg: `error:invalid JSON: ${(e as Error).message}`,
          conn_id: c.id,
          op: 'error',
        });
      }
      return send(ws, answer(c, msg));
    });
  };

  const SERVED = /^\/v5\/(public\/(spot|linear)|private)$/;

  return {
    upgrade: (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://venue');
      if (!SERVED.test(url.pathname)) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, url.pathname));
    },
    publishPublic: (topic, build) => {
      let message: unknown;
      for (const c of connections) {
        if (c.private || !c.topics.has(topic)) continue;
        message ??= { topic, type: 'snapshot', ts: now(), data: build() };
        send(c.ws, message);
      }
    },
    publishPrivate: (event) => {
      const message = {
        id: `${event.topic}-${now()}`,
        topic: event.topic,
        creationTime: now(),
        data: event.data,
      };
      for (const c of connections)
        if (c.private && c.authed && c.topics.has(event.topic)) send(c.ws, message);
    },
    dropAll: () => {
      for (const c of connections) c.ws.terminate();
      connections.clear();
    },
    listeners: () => {
      const all = [...connections];
      return {
        connections: all.length,
        streams: [...new Set(all.filter((c) => !c.private).flatMap((c) => [...c.topics]))].sort(),
        userData: all.filter((c) => c.private && c.topics.size > 0).length,
      };
    },
    close: () => {
      for (const c of connections) c.ws.terminate();
      connections.clear();
      wss.close();
    },
  };
};
