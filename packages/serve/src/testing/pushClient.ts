import { Worker } from 'node:worker_threads';
import type { PushMessage } from '../push/pushMessage';

export interface Received {
  readonly message: PushMessage;
  /** When the message arrived, on the `monotonicMs` clock. */
  readonly at: number;
}

export interface PushClient {
  readonly received: Received[];
  /** Resolves with the first message (already received or to come) that matches. */
  next(match: (m: PushMessage) => boolean, timeoutMs?: number): Promise<PushMessage>;
  eventPositions(): number[];
  close(): Promise<void>;
}

/** One clock for every thread of the process, in ms at ns resolution; `performance.now()` is per thread. */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/**
 * The client runs on its own thread, as a browser runs in its own process: the server's
 * synchronous work (a SQLite commit) cannot hold up its reads and inflate what it measures.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.ws);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const ws = new WebSocket(workerData.url, { headers: workerData.headers });
ws.on('open', () => parentPort.postMessage({ kind: 'open' }));
ws.on('message', (data) => parentPort.postMessage({ kind: 'message', at: now(), text: String(data) }));
ws.on('unexpected-response', (_req, res) => parentPort.postMessage({ kind: 'refused', status: res.statusCode }));
ws.on('error', (e) => parentPort.postMessage({ kind: 'error', message: e.message }));
ws.on('close', () => parentPort.postMessage({ kind: 'closed' }));
parentPort.on('message', () => ws.close());
`;

type FromWorker =
  | { kind: 'open' | 'closed' }
  | { kind: 'message'; at: number; text: string }
  | { kind: 'refused'; status: number }
  | { kind: 'error'; message: string };

/** A WebSocket client of the panel that keeps every message with its arrival time. */
export const connectPush = async (
  baseUrl: string,
  query = '',
  headers: Record<string, string> = {},
): Promise<PushClient> => {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      ws: require.resolve('ws'),
      url: `${baseUrl.replace(/^http/, 'ws')}/ws${query}`,
      headers,
    },
  });
  // A test that fails before closing its client must not keep jest waiting for the thread.
  worker.unref();
  const received: Received[] = [];
  const waiters = new Set<{
    match: (m: PushMessage) => boolean;
    resolve: (m: PushMessage) => void;
  }>();
  let closed: () => void = () => undefined;
  const whenClosed = new Promise<void>((resolve) => (closed = resolve));
  const opened = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.kind === 'open') resolve();
      else if (m.kind === 'refused') reject(new Error(`upgrade refused: ${m.status}`));
      else if (m.kind === 'error') reject(new Error(m.message));
      else if (m.kind === 'closed') closed();
      else if (m.kind === 'message') {
        const message = JSON.parse(m.text) as PushMessage;
        received.push({ message, at: m.at });
        for (const w of waiters)
          if (w.match(message)) {
            waiters.delete(w);
            w.resolve(message);
          }
      }
    });
  });
  try {
    await opened;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  return {
    received,
    next(match, timeoutMs = 10_000) {
      const seen = received.find((r) => match(r.message));
      if (seen !== undefined) return Promise.resolve(seen.message);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error('no such message in time'));
        }, timeoutMs);
        const waiter = {
          match,
          resolve: (m: PushMessage) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        waiters.add(waiter);
      });
    },
    eventPositions: () =>
      received.flatMap((r) => (r.message.type === 'event' ? [r.message.event.position] : [])),
    async close() {
      worker.postMessage('close');
      await whenClosed;
      await worker.terminate();
    },
  };
};
