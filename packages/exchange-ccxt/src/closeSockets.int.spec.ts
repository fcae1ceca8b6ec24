import { createServer, type Server, type Socket } from 'node:net';
import { Agent } from 'node:http';
import type { Exchange as CcxtInstance } from 'ccxt';
import { ccxt } from './ccxtModule';
import { closeSockets } from './closeSockets';

interface Client {
  future(hash: string): Promise<unknown>;
}

/** A server that accepts TCP connections and never answers the WebSocket upgrade: every socket stays connecting. */
const silentServer = async (): Promise<{
  url: string;
  connections: () => number;
  stop: () => Promise<void>;
}> => {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    connections: () => sockets.length,
    stop: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
};

const binance = (): CcxtInstance => {
  const ex = new ccxt.pro.binance({});
  // ccxt opens a plain ws:// connection only through an explicit http agent.
  (ex as unknown as { httpAgent: Agent }).httpAgent = new Agent();
  return ex as unknown as CcxtInstance;
};

const watch = (ex: CcxtInstance, url: string, hash: string): Promise<unknown> =>
  (ex as unknown as { watch: (...a: unknown[]) => Promise<unknown> }).watch(
    url,
    hash,
    { hash },
    hash,
  );

const eventually = async (check: () => boolean): Promise<void> => {
  const until = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met within 5000 ms');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('closeSockets: closing a ccxt instance whose WebSocket is still connecting', () => {
  let server: Awaited<ReturnType<typeof silentServer>>;
  beforeEach(async () => {
    server = await silentServer();
  });
  afterEach(() => server.stop());

  it('handles every future of a closing client, those made after the close began included', async () => {
    const ex = binance();
    const first = watch(ex, server.url, 'first');
    first.catch(() => undefined);
    await eventually(() => server.connections() === 1);
    const client = (ex as unknown as { clients: Record<string, Client> }).clients[server.url];
    const closing = closeSockets(ex);
    // As a ccxt continuation does (binance's user-data subscribe): a future on the client that
    // no caller awaits, made while the close is under way. With ccxt's own close (which yields
    // before closing) it was rejected unhandled, and jest failed the test on it, as it failed
    // liquidationBuffer.int.spec in a clean-clone CI run.
    const internal = client?.future('internal');
    await closing;
    await new Promise((r) => setTimeout(r, 200));
    await expect(first).rejects.toThrow();
    await expect(internal).rejects.toThrow();
  });

  it('lets no watch open a socket after the close: it fails with ExchangeClosedByUser', async () => {
    const ex = binance();
    await closeSockets(ex);
    // ccxt's watch methods are async, so the refusal reaches their caller as a rejection.
    await expect(
      Promise.resolve().then(() => watch(ex, server.url, 'late')),
    ).rejects.toBeInstanceOf(ccxt.ExchangeClosedByUser);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.connections()).toBe(0);
  });
});
