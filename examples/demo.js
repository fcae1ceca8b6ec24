// `npm run demo`: replays a real recorded Binance ETH/USDT trade stream through a plan of three
// smart orders on the embedded SQLite store, prints the timeline and the summary, writes the
// chart, then shows `status` and the audit trail of one order, as a user would run them.
const { spawnSync } = require('node:child_process');
const { mkdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const out = join(__dirname, 'out');
const db = join(out, 'demo.sqlite');
mkdirSync(out, { recursive: true });
for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });

const run = (args) => {
  process.stdout.write(`\n$ smart-orders ${args.join(' ')}\n`);
  const result = spawnSync(
    process.execPath,
    [join(root, 'packages/cli/bin/smart-orders.js'), ...args],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run([
  'replay',
  '--ticks',
  'examples/data/binance-spot_ETHUSDT_trades_20240809.csv',
  '--symbol',
  'ETH/USDT',
  '--plan',
  'examples/plans/eth-demo.json',
  '--store',
  `sqlite:${db}`,
  '--format',
  'table',
  '--chart',
  'examples/out/eth-demo.html',
]);
run(['status', '--store', `sqlite:${db}`]);
run(['audit', 'eth-short-ladder', '--store', `sqlite:${db}`, '--format', 'table']);
process.stdout.write('\nChart: examples/out/eth-demo.html (open it in a browser)\n');
