import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Subscription } from 'rxjs';
import { WebSocketServer, WebSocket } from 'ws';
import type { OrderView } from '@smart-orders/core';
import type { EventStore, StoredEvent } from '@smart-orders/engine';
import type { MarketStatus } from '../market/market';
import type { PricePoint } from '../market/priceHistory';
import type { OrderBoard } from '../orderBoard';
import type { PushMessage } from './pushMessage';

export interface PushHub {
  /** Takes over an HTTP upgrade to `/ws`; `after` is the client's last position, if any. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, after: number | undefined): void;
  /** An event of the store's global feed, in store order, after the board has noted it. */
  event(event: StoredEvent): void;
  /** An order's view from the engine; sent once the feed has delivered the events it folds. */
  order(view: OrderView): void;
  market(prices: Readonly<Record<string, readonly PricePoint[]>>): void;
  readonly clients: number;
  close(): void;
}

interface Client {
  readonly ws: WebSocket;
  /** Until the client has caught up with the board, it reads the store's feed on its own. */
  live: boolean;
  catchUp: Subscription | null;
  lastSent: number;
  alive: boolean;
}

/**
 * A client that does not read is cut once this much waits for it (it reconnects with its last
 * position and catches up, losing nothing): memory stays bounded by MAX_CLIENTS × this.
 */
export const MAX_BUFFERED_BYTES = 2 * 2 ** 20;
/** WebSocket clients at once; one more is refused with 503 until one leaves. */
export const MAX_CLIENTS = 64;
const PING_MS = 30_000;

export interface PushHubOptions {
  readonly store: EventStore;
  readonly board: OrderBoard;
  readonly marketStatus: () => MarketStatus;
  readonly onWarning: (message: string) => void;
}

/**
 * The live feed, over the store's global feed (`subscribeAll`). Live clients share the one
 * subscription that also moves the board. A client that reconnects with its last position
 * gets its own subscription from there, which the store delivers catch-up then live, exactly
 * once and in order; as soon as it reaches the board's position the client switches to the
 * shared feed, in the same synchronous step as its snapshot, so nothing is lost or sent twice
 * at the seam and no view can change in between.
 */
export const createPushHub = (options: PushHubOptions): PushHub => {
  const { store, board, marketStatus, onWarning } = options;
  const server = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const clients = new Set<Client>();
  // Upgrades under way count against MAX_CLIENTS too, so a burst cannot slip past it.
  let handshakes = 0;
  let heldViews: OrderView[] = [];
  let flushQueued = false;

  const send = (client: Client, text: string) => {
    if (client.ws.readyState !== WebSocket.OPEN) return;
    if (client.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      client.ws.terminate();
      return;
    }
    client.ws.send(text);
  };
  const text = (message: PushMessage) => JSON.stringify(message);
  const sendEvent = (client: Client, e: StoredEvent) => {
    send(client, text({ type: 'event', event: e }));
    client.lastSent = e.position;
  };

  const goLive = (client: Client) => {
    client.live = true;
    client.catchUp?.unsubscribe();
    client.catchUp = null;
    const position = board.position();
    send(
      client,
      text({ type: 'snapshot', position, orders: board.views(), market: marketStatus() }),
    );
    client.lastSent = Math.max(client.lastSent, position);
  };

  const catchUp = (client: Client, after: number) => {
    const subscription = store.subscribeAll(after).subscribe({
      next: (e) => {
        if (client.live) return;
        // Past the board: the shared feed delivers this event to live clients next.
        if (e.position > board.position()) return goLive(client);
        sendEvent(client, e);
        if (e.position === board.position()) goLive(client);
      },
      error: (e: unknown) => {
        onWarning(`catch-up after ${after} failed: ${e instanceof Error ? e.message : String(e)}`);
        client.ws.close(1011, 'catch-up failed');
      },
    });
    // A store may deliver the whole catch-up inside subscribe().
    if (client.live) subscription.unsubscribe();
    else client.catchUp = subscription;
  };

  const connect = (ws: WebSocket, after: number | undefined) => {
    // A position from another store (or its previous life) is past ours: start afresh.
    const resume = after !== undefined && after <= board.position() ? after : undefined;
    const client: Client = { ws, live: false, catchUp: null, lastSent: resume ?? 0, alive: true };
    clients.add(client);
    ws.on('close', () => {
      client.catchUp?.unsubscribe();
      clients.delete(client);
    });
    ws.on('pong', () => (client.alive = true));
    ws.on('error', () => ws.terminate());
    if (resume === undefined || resume === board.position()) return goLive(client);
    catchUp(client, resume);
  };

  // The engine publishes a batch's views before the feed brings its events: a view waits
  // until the board has read the events it folds, so clients get the events first.
  const flushViews = () => {
    flushQueued = false;
    const waiting: OrderView[] = [];
    for (const view of heldViews) {
      if (view.version > board.logVersion(view.orderId)) {
        waiting.push(view);
        continue;
      }
      const message = text({ type: 'order', order: view });
      for (const client of clients) if (client.live) send(client, message);
    }
    heldViews = waiting;
  };
  const queueFlush = () => {
    if (flushQueued || heldViews.length === 0) return;
    flushQueued = true;
    queueMicrotask(flushViews);
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
      if (clients.size + handshakes >= MAX_CLIENTS) {
        socket.end(
          `HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nthe panel serves at most ${MAX_CLIENTS} WebSocket clients at once; try again when one has left`,
        );
        return;
      }
      handshakes++;
      let pending = true;
      const settle = () => {
        if (!pending) return;
        pending = false;
        handshakes--;
      };
      socket.once('close', settle);
      server.handleUpgrade(req, socket, head, (ws) => {
        settle();
        connect(ws, after);
      });
    },
    event(e) {
      for (const client of clients)
        if (client.live && e.position > client.lastSent) sendEvent(client, e);
      queueFlush();
    },
    order(view) {
      heldViews.push(view);
      queueFlush();
    },
    market(prices) {
      const message = text({ type: 'market', market: marketStatus(), prices });
      for (const client of clients) if (client.live) send(client, message);
    },
    get clients() {
      return clients.size;
    },
    close() {
      clearInterval(pings);
      for (const client of clients) {
        client.catchUp?.unsubscribe();
        client.ws.terminate();
      }
      clients.clear();
      server.close();
    },
  };
};
