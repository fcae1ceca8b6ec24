// A throwaway npm registry on loopback for the consumer test: verdaccio with its storage in the
// directory given, our packages served only from that storage (never looked for upstream), and
// every other package proxied to the registry npm is configured with. Prints `registry URL` on
// stdout once it listens; stops on SIGTERM.
'use strict';
const { runServer } = require('verdaccio');
const { join } = require('node:path');

const [storage, uplink] = process.argv.slice(2);
if (storage === undefined || uplink === undefined) {
  process.stderr.write('usage: node registry.cjs STORAGE_DIR UPLINK_URL\n');
  process.exit(2);
}

const local = { access: '$all', publish: '$authenticated', unpublish: '$authenticated' };
const configuration = {
  self_path: join(storage, 'config.yaml'),
  storage,
  auth: { htpasswd: { file: join(storage, 'htpasswd'), max_users: 10 } },
  uplinks: { upstream: { url: uplink, timeout: '60s', max_fails: 5 } },
  packages: {
    '@smart-orders/*': local,
    // The workspace's better-sqlite3, built once, repacked with its binary (see the test).
    'better-sqlite3': local,
    '**': { access: '$all', proxy: 'upstream' },
  },
  log: { type: 'stdout', format: 'pretty', level: 'error' },
  server: { keepAliveTimeout: 60 },
  security: { api: { legacy: true } },
};

runServer(configuration).then((server) => {
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    process.stdout.write(`registry http://127.0.0.1:${port}/\n`);
  });
  process.on('SIGTERM', () => {
    server.close();
    process.exit(0);
  });
});
