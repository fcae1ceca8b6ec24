import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { accountStream } from '@smart-orders/engine';
import { connectPush } from '../testing/pushClient';
import { ETH_FIRST_TS, startPanel, type Panel } from '../testing/panelFixture';
import type { PushMessage } from './pushMessage';
import { MAX_BUFFERED_BYTES } from './pushHub';

jest.setTimeout(120_000);

// Read after a full collection, so the figure is what is still held: what waits on a socket is
// the messages' strings (heap) or Buffers (external).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heldBytes = (): number => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

const BATCH = 1_000;
/**
 * What is pushed in all: well past the limit plus what the kernel holds for the connection
 * (the server's send buffer grows to 4 MB on Linux, the paused reader's receive buffer stays
 * near its default), so a reader that was not cut would leave most of it held by the server.
 */
const PUSHED_BYTES = 8 * MAX_BUFFERED_BYTES;

const wsUrl = (panel: Panel) => `${panel.serve.url.replace(/^http/, 'ws')}/ws`;

/**
 * A client that reads everything and keeps only a count, the last position and whether each
 * came after the one before, so its own memory does not blur the server's figure.
 */
const countingClient = async (panel: Panel) => {
  const ws = new WebSocket(wsUrl(panel));
  const seen = { events: 0, last: 0, inOrder: true };
  let waiting: { position: number; resolve: () => void } | null = null;
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as PushMessage;
    if (message.type !== 'event') return;
    seen.inOrder &&= message.event.position > seen.last;
    seen.events += 1;
    seen.last = message.event.position;
    if (waiting !== null && seen.last >= waiting.position) waiting.resolve();
  });
  await new Promise((r) => ws.once('open', r));
  return {
    seen,
    reached: (position: number) =>
      seen.last >= position
        ? Promise.resolve()
        : new Promise<void>((resolve) => (waiting = { position, resolve })),
    close: () => ws.terminate(),
  };
};

describe('a WebSocket client that never reads', () => {
  let panel: Panel;
  beforeEach(async () => {
    panel = await startPanel();
  });
  afterEach(async () => panel.close());

  it('is cut once its unsent buffer passes the limit, while the others receive every event and the server holds no backlog', async () => {
    const healthy = await countingClient(panel);

    const slow = new WebSocket(wsUrl(panel));
    let slowMessages = 0;
    let slowClosed: { code: number } | null = null;
    slow.on('message', () => (slowMessages += 1));
    slow.on('close', (code: number) => (slowClosed = { code }));
    slow.on('error', () => undefined);
    await new Promise((r) => slow.once('open', r));
    // Stops reading the socket: the kernel's buffers fill, then the server's.
    slow.pause();

    const before = heldBytes();
    let pushedBytes = 0;
    let lastPosition = 0;
    let version = 0;
    while (pushedBytes < PUSHED_BYTES) {
      const events = Array.from({ length: BATCH }, (_, i) => ({
        type: 'HeartbeatRecorded',
        ts: ETH_FIRST_TS + version + i,
        data: { ts: ETH_FIRST_TS + version + i },
      }));
      const appended = await panel.store.appendBatch([
        {
          stream: accountStream('slow-reader'),
          expectedVersion: version === 0 ? 'no_stream' : version,
          events,
        },
      ]);
      if (appended._tag === 'Left') throw new Error(JSON.stringify(appended.left));
      version += BATCH;
      for (const e of appended.right.events) {
        lastPosition = e.position;
        pushedBytes += JSON.stringify({ type: 'event', event: e }).length;
      }
      // The healthy client keeps up, so each batch is on the wire before the next one.
      await healthy.reached(lastPosition);
    }
    const growth = heldBytes() - before;

    // Every event reached the client that reads, in order and none twice.
    const stored = await panel.store.readAll(0);
    expect(healthy.seen).toEqual({ events: stored.length, last: lastPosition, inOrder: true });
    // The server holds nothing like what the paused reader did not take: it was dropped with it.
    expect(pushedBytes).toBeGreaterThan(PUSHED_BYTES);
    expect(growth).toBeLessThan(MAX_BUFFERED_BYTES);

    // Reading again, the slow client drains what the kernel still held for it and finds the
    // connection gone: far short of every event, and no close frame (the server terminated it).
    slow.resume();
    const end = Date.now() + 15_000;
    while (slowClosed === null && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(slowClosed).toEqual({ code: 1006 });
    expect(slowMessages).toBeLessThan(stored.length);

    // A connection after the cut is served: the limit is per client, not a server that gave up.
    const next = await connectPush(panel.serve.url);
    expect(await next.next((m) => m.type === 'snapshot')).toMatchObject({
      position: lastPosition,
    });
    await next.close();
    healthy.close();
  });
});
