// Replay CPU of two built trees, side by side in one process (docs/performance.md, "Replay CPU
// against the tree before the one-path engine"):
//   node packages/bench/scripts/replayCpu.cjs <tree A> <tree B> [repetitions] [replays]
// Each repetition replays the 8,409 recorded ETH trades with 12 smart orders on a fresh SQLite
// store `replays` times (default 5, about half a second of CPU) per tree, alternating which
// tree goes first, and takes the CPU time of each
// (process.cpuUsage); the ratio is taken per repetition, so a burst of load on a shared machine
// hits both sides of it. Prints each repetition and the median ratio B / A of CPU per replay.
const { join, resolve } = require('node:path');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');

const [treeA, treeB, reps = '7', replays = '5'] = process.argv.slice(2);
if (treeA === undefined || treeB === undefined) {
  console.error('usage: node replayCpu.cjs <tree A> <tree B> [repetitions]');
  process.exit(2);
}

const load = (tree) => {
  const root = resolve(tree);
  const pkg = (name) => require(join(root, 'packages', name, 'dist'));
  return {
    name: root,
    root,
    ...pkg('engine'),
    ...pkg('exchange-paper'),
    ...pkg('store-sqlite'),
    ...pkg('replay-files'),
  };
};

const plan = {
  orders: Array.from({ length: 12 }, (_, i) => ({
    at: null,
    command: {
      type: 'CreateSmartOrder',
      orderId: `cpu-${i}`,
      ts: 0,
      exchange: 'paper',
      symbol: 'ETH/USDT',
      side: i % 2 === 0 ? 'BUY' : 'SELL',
      quantity: 1,
      entry: { type: 'MARKET' },
      takeProfits:
        i % 2 === 0 ? [{ price: 2690 + i, sizePct: 100 }] : [{ price: 2660 - i, sizePct: 100 }],
      trailing: { callbackRate: 0.0003 + i * 0.0001 },
      market: { tickSize: 0.01, stepSize: 0.0001 },
    },
  })),
  commands: [],
};

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/** One replay on a fresh store: the CPU seconds it took, and how many events it wrote. */
const replayOnce = async (tree, ticks) => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-cpu-'));
  try {
    const store = tree.getSqliteEventStore(join(dir, 'r.sqlite'));
    const engine = tree.createEngine({ store, exchange: tree.getPaperExchange() });
    await engine.start();
    let events = 0;
    const c0 = cpu();
    await tree.replayTicks({
      engine,
      store,
      ticks,
      plan,
      checkpointName: 'cpu',
      onEvents: (e) => {
        events += e.length;
      },
    });
    const seconds = cpu() - c0;
    await engine.stop();
    await store.close();
    return { seconds, events };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

(async () => {
  const a = load(treeA);
  const b = load(treeB);
  const file = join(a.root, 'examples/data/binance-spot_ETHUSDT_trades_20240809.csv');
  const read = await a.readTicks(file, { symbol: 'ETH/USDT' });
  const ticks = read.right.ticks;
  // Warm-up replays: the JIT's first passes are no figure.
  for (let n = 0; n < 10; n++) {
    await replayOnce(a, ticks);
    await replayOnce(b, ticks);
  }
  const ratios = [];
  const secA = [];
  const secB = [];
  for (let k = 0; k < Number(reps); k++) {
    const first = k % 2 === 0 ? [a, b] : [b, a];
    const r = new Map();
    for (const tree of first) {
      let seconds = 0;
      let events = 0;
      for (let n = 0; n < Number(replays); n++) {
        const one = await replayOnce(tree, ticks);
        seconds += one.seconds / Number(replays);
        events = one.events;
      }
      r.set(tree, { seconds, events });
    }
    const ra = r.get(a);
    const rb = r.get(b);
    secA.push(ra.seconds);
    secB.push(rb.seconds);
    ratios.push(rb.seconds / ra.seconds);
    console.log(
      `rep ${k + 1}: A ${(ra.seconds * 1000).toFixed(0)} ms CPU (${ra.events} events), B ${(rb.seconds * 1000).toFixed(0)} ms CPU (${rb.events} events), B/A ${(rb.seconds / ra.seconds).toFixed(3)}`,
    );
  }
  console.log(
    `median CPU per replay of ${ticks.length} ticks: A ${(median(secA) * 1000).toFixed(0)} ms (${Math.round(ticks.length / median(secA))} ticks/CPU-s), B ${(median(secB) * 1000).toFixed(0)} ms (${Math.round(ticks.length / median(secB))} ticks/CPU-s); median ratio B/A ${median(ratios).toFixed(3)} (min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)})`,
  );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
