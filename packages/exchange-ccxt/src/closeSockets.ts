import type { Exchange as CcxtInstance } from 'ccxt';
import { ccxt } from './ccxtModule';

interface WsClient {
  futures: Record<string, Promise<unknown>>;
  error?: unknown;
  reset(error: unknown): void;
  close(): Promise<unknown> | undefined;
}

interface WithClients {
  clients?: Record<string, WsClient>;
  client(url: string): WsClient;
}

// ccxt makes futures that no caller awaits (binance's user-data subscribe, for one); when a
// socket closes while still connecting, they are rejected and Node sees unhandled rejections.
const handleFutures = (client: WsClient): void => {
  for (const future of Object.values(client.futures)) future.catch(() => undefined);
};

/**
 * Closes a ccxt instance's WebSockets at once and for good, in place of its `close`. ccxt's
 * `close` yields before it closes its clients, and a future made in that gap on a socket still
 * connecting was rejected with no handler (an unhandled rejection, which fails a test and ends a
 * process). Here every client's futures are handled until its last rejection, the clients are
 * closed without yielding, and a watch still in flight (one waiting for its listen key, say)
 * cannot open a new socket afterwards: it fails with `ExchangeClosedByUser`.
 */
export const closeSockets = async (exchange: CcxtInstance): Promise<void> => {
  const closed = new ccxt.ExchangeClosedByUser(`${exchange.id} closed by the adapter`);
  const ex = exchange as unknown as WithClients;
  ex.client = () => {
    throw closed;
  };
  const clients = ex.clients ?? {};
  const closing = Object.entries(clients).map(([url, client]) => {
    const reset = client.reset.bind(client);
    client.reset = (error) => {
      handleFutures(client);
      reset(error);
    };
    handleFutures(client);
    client.error = closed;
    delete clients[url];
    return client.close();
  });
  await Promise.all(closing);
};
