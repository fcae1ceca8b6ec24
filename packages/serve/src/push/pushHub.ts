import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { OrderView } from '@smart-orders/core';
import { readAllEvents, type EventStore, type StoredEvent } from '@smart-orders/engine';
import type { MarketStatus } from '../market/market';
import type { PricePoint } from '../market/priceHistory';
import type { OrderBoard } from '../orderBoard';
import type { PushMessage } from './pushMessage';

export interface PushHub {
  /** Takes over an HTTP upgrade to `/ws`; `after` is the client's last position, if any. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, after: number | undefined): void;
  event(event: StoredEvent): void;
  order(view: OrderView): void;
  market(prices: Readonly<Record<string, readonly PricePoint[]>>): void;
  readonly clients: number;
  close(): void;
}

interface Client {
  readonly ws: WebSocket;
  /** Until the catch-up is sent, live events wait here, in commit order. */
  backlog: { readonly position: number; readonly text: string }[] | null;
  lastSent: number;
  alive: boolean;
}

/** A client this far behind is dropped: it reconnects with its position and loses nothing. */
const MAX_BUFFERED_BYTES = 16 * 2 ** 20;
const PING_MS = 30_000;

export interface PushHubOptions {
  readonly store: EventStore;
  readonly board: OrderBoard;
  readonly marketStatus: () => MarketStatus;
  readonly onWarning: (message: string) => void;
}

/**
 * The live feed. A reconnecting client gives its last position; the hub subscribes it to the
 * live events first, reads what it missed from the store, then sends those, then the live
 * events it held back, skipping any position already sent: nothing is lost or sent twice at
 * the seam. The snapshot that follows is taken in the same synchronous step as the switch to
 * live, so no view can change in between.
 */
export const createPushHub = (options: PushHubOptions): PushHub => {
  const { store, board, marketStatus, onWarning } = options;
  const server = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const clients = new Set<Client>();

  const send = (client: Client, text: string) => {
    if (client.ws.readyState !== WebSocket.OPEN) return;
    if (client.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      client.ws.terminate();
      return;
    }
    client.ws.send(text);
  };
  const text = (message: PushMessage) => JSON.stringify(message);

  const goLive = (client: Client) => {
    for (const held of client.backlog ?? []) {
      if (held.position <= client.lastSent) continue;
      send(client, held.text);
      client.lastSent = held.position;
    }
    client.backlog = null;
    const position = board.position();
    send(
      client,
      text({ type: 'snapshot', position, orders: board.views(), market: marketStatus() }),
    );
    client.lastSent = Math.max(client.lastSent, position);
  };

  const catchUp = async (client: Client, after: number) => {
    for await (const e of readAllEvents(store, after)) {
      if (client.ws.readyState !== WebSocket.OPEN) return;
      send(client, text({ type: 'event', event: e }));
      client.lastSent = e.position;
    }
    goLive(client);
  };

  const connect = (ws: WebSocket, after: number | undefined) => {
    // A position from another store (or its previous life) is past ours: start afresh.
    const resume = after !== undefined && after <= board.position() ? after : undefined;
    const client: Client = { ws, backlog: [], lastSent: resume ?? 0, alive: true };
    clients.add(client);
    ws.on('close', () => clients.delete(client));
    ws.on('pong', () => (client.alive = true));
    ws.on('error', () => ws.terminate());
    if (resume === undefined) return goLive(client);
    catchUp(client, resume).catch((e: unknown) => {
      onWarning(`catch-up after ${resume} failed: ${e instanceof Error ? e.message : String(e)}`);
      ws.close(1011, 'catch-up failed');
    });
  };

  const pings = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) client.ws.terminate();
      client.alive = false;
      client.ws.ping();
    }
  }, PING_MS);
  pings.unref();

  return {
    upgrade(req, socket, head, after) {
      server.handleUpgrade(req, socket, head, (ws) => connect(ws, after));
    },
    event(e) {
      const message = text({ type: 'event', event: e });
      for (const client of clients) {
        if (client.backlog !== null) client.backlog.push({ position: e.position, text: message });
        else if (e.position > client.lastSent) {
          send(client, message);
          client.lastSent = e.position;
        }
      }
    },
    order(view) {
      const message = text({ type: 'order', order: view });
      for (const client of clients) if (client.backlog === null) send(client, message);
    },
    market(prices) {
      const message = text({ type: 'market', market: marketStatus(), prices });
      for (const client of clients) if (client.backlog === null) send(client, message);
    },
    get clients() {
      return clients.size;
    },
    close() {
      clearInterval(pings);
      for (const client of clients) client.ws.terminate();
      clients.clear();
      server.close();
    },
  };
};
