import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Binds a dialect's server on 127.0.0.1 (`port` 0: any free port); resolves with the port bound. */
export const listenLocal = (server: Server, port: number): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });

/** Closes the server at once: kept-alive and hanging (unanswered) connections are cut too. */
export const closeLocal = (server: Server): Promise<void> =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
