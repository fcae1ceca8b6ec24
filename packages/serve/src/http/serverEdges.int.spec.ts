import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { MAX_CLIENTS } from '../push/pushHub';
import { startPanel, type Panel } from '../testing/panelFixture';
import { MAX_BODY_BYTES } from './httpMessages';
import { createLogger } from '@smart-orders/engine';

/** Writes raw HTTP and collects what comes back until the server closes or `ms` pass. */
const raw = (port: number, send: (socket: Socket) => void, ms = 3_000): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, ms);
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.on('close', done);
    socket.on('error', done);
    socket.on('connect', () => send(socket));
  });

describe('the panel server at its edges', () => {
  let panel: Panel;
  const warnings: string[] = [];
  beforeAll(async () => {
    panel = await startPanel({
      allowedHosts: ['panel.example'],
      logger: createLogger({
        destination: {
          write: (l: string) => warnings.push((JSON.parse(l) as { msg: string }).msg),
        },
      }),
    });
  });
  afterAll(async () => panel.close());

  const head = (path: string, headers: Record<string, string | number>) =>
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${panel.serve.port}\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`;

  it('answers to a name given with --allowed-host, and refuses others', async () => {
    const get = (host: string) =>
      raw(panel.serve.port, (s) =>
        s.write(`GET /api/market HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
      );
    expect(await get(`panel.example:${panel.serve.port}`)).toMatch(/^HTTP\/1\.1 200/);
    expect(await get(`rebound.example:${panel.serve.port}`)).toMatch(/^HTTP\/1\.1 403/);
  });

  it('bounds the replay speed: 1e-300 is refused, not played at full speed', async () => {
    const slow = await panel.api('POST', '/api/replay', { speed: 1e-300 });
    expect(slow.status).toBe(400);
    expect(slow.body.issues).toEqual([
      { path: 'speed', rule: 'must be a number from 0.001 to 1000000000 (1e9), got 1e-300' },
    ]);
    expect((await panel.api('POST', '/api/replay', { speed: 2e9 })).status).toBe(400);
    expect((await panel.api('POST', '/api/replay', { speed: 60 })).status).toBe(200);
  });

  it('refuses a body over the limit by its Content-Length, before it is sent', async () => {
    const answer = await raw(panel.serve.port, (s) =>
      s.write(
        head('/api/orders', { 'content-type': 'application/json', 'content-length': 10 * 2 ** 20 }),
      ),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('PAYLOAD_TOO_LARGE');
  });

  it('refuses a chunked body as soon as it passes the limit, without reading the rest', async () => {
    let written = 0;
    const answer = await raw(panel.serve.port, (s) => {
      s.write(
        head('/api/orders', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }),
      );
      const chunk = 'x'.repeat(16 * 1024);
      // Up to 4 × the limit, stopping as soon as the answer is in: a 10 MB body is never sent.
      const more = () => {
        if (s.destroyed || written > 4 * MAX_BODY_BYTES) return;
        written += chunk.length;
        s.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`, () => setTimeout(more, 5));
      };
      s.on('data', () => (written = Infinity));
      more();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
  });

  it('a client that aborts its POST is no internal error', async () => {
    await raw(
      panel.serve.port,
      (s) => {
        s.write(
          head('/api/orders', { 'content-type': 'application/json', 'content-length': 1_000 }),
        );
        s.write('{"orderId":');
        setTimeout(() => s.destroy(), 100);
      },
      1_000,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(warnings.filter((w) => w.includes('internal error'))).toEqual([]);
    expect((await panel.api('GET', '/api/orders')).status).toBe(200);
  });

  it(`serves at most ${MAX_CLIENTS} WebSocket clients at once`, async () => {
    const url = `${panel.serve.url.replace(/^http/, 'ws')}/ws`;
    const open = (): Promise<WebSocket> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(url);
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    const clients = await Promise.all(Array.from({ length: MAX_CLIENTS }, open));
    try {
      await expect(open()).rejects.toThrow(/503/);
      clients[0]?.close();
      await new Promise((r) => setTimeout(r, 200));
      const again = await open();
      again.close();
    } finally {
      for (const ws of clients) ws.terminate();
    }
  });
});
