// The bench's engine figures for two built trees, side by side in one process, on CPU time
// (docs/performance.md, "The engine figures against the tree before the one-path engine"):
//   node --expose-gc packages/bench/scripts/sideBySide.cjs <old tree> <new tree> [repetitions] [figures]
// `figures` is a comma-separated list of core, ticks, latency, append, restart, replay (default:
// all); RESTART_ORDERS sets the restart's book (default 20,000), TICK_PASSES the passes over
// the recording in each engine window (default 2, about 0.15 s: 16 makes windows of a second or more). Each figure is measured on
// both trees in every repetition, one after the other, the order reversed every other
// repetition (old new, new old, …), on the CPU time of this process (`process.cpuUsage`): on a
// machine shared with other work the wall clock measures the others' turns. The ratio new / old
// of the CPU each side spent on the same work is taken per repetition, so a burst of load hits
// both sides of it; the figure is the median ratio, with its min and max. Above 1, the new tree
// costs more; above 1.10, more than the 10 % the one-path engine was allowed.
//
// Only what both trees have is used: each tree's own engine, paper exchange, SQLite store, core
// and tick reader (from its `dist`), driven the same way; the order mix is the old tree's bench
// (the two are the same file).
const { join, resolve } = require('node:path');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir, loadavg } = require('node:os');

const [oldTree, newTree, reps = '5', only] = process.argv.slice(2);
if (oldTree === undefined || newTree === undefined) {
  console.error(
    'usage: node --expose-gc sideBySide.cjs <old tree> <new tree> [repetitions] [figures]',
  );
  process.exit(2);
}
const REPS = Number(reps);
const RESTART_ORDERS = Number(process.env.RESTART_ORDERS ?? 20_000);
const TICK_PASSES = Number(process.env.TICK_PASSES ?? 2);
const wanted = new Set((only ?? 'core,ticks,latency,append,restart,replay').split(','));

const load = (tree, label) => {
  const root = resolve(tree);
  const pkg = (name) => require(join(root, 'packages', name, 'dist'));
  return {
    label,
    root,
    core: pkg('core'),
    ...pkg('engine'),
    ...pkg('exchange-paper'),
    ...pkg('store-sqlite'),
    ...pkg('replay-files'),
    orderMix: require(join(root, 'packages', 'bench', 'dist', 'orderMix')).orderMix,
  };
};

const cpuSeconds = (since) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};
const collect = () => globalThis.gc?.();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const withTempDir = async (fn) => {
  const dir = mkdtempSync(join(tmpdir(), 'side-by-side-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/**
 * Runs `measure(tree, repetition)` on both trees `REPS` times, alternately; each call returns
 * `{ [name]: cost }` (CPU per unit of work, lower is better). Prints each repetition.
 */
const interleaved = async (title, trees, measure) => {
  const costs = new Map(trees.map((t) => [t, []]));
  for (let r = 0; r < REPS; r++) {
    const order = r % 2 === 0 ? trees : [...trees].reverse();
    for (const t of order) {
      collect();
      costs.get(t).push(await measure(t, r));
    }
    const [o, n] = trees.map((t) => costs.get(t)[r]);
    const line = Object.keys(o)
      .map((k) => `${k} ${(n[k] / o[k]).toFixed(3)}`)
      .join(', ');
    process.stderr.write(`  ${title} rep ${r + 1}: new/old ${line}\n`);
  }
  return costs;
};

const rows = [];
/** One row of the table per name: the medians of each side and the ratio's median, min, max. */
const report = (costs, trees, figures) => {
  const [o, n] = trees.map((t) => costs.get(t));
  for (const [key, name, unit, scale] of figures) {
    const ratios = o.map((x, r) => n[r][key] / x[key]);
    const row = {
      name,
      unit,
      old: median(o.map((x) => x[key])) * scale,
      new: median(n.map((x) => x[key])) * scale,
      ratio: median(ratios),
      min: Math.min(...ratios),
      max: Math.max(...ratios),
    };
    rows.push(row);
    process.stderr.write(
      `${name}: old ${row.old.toFixed(2)} ${unit}, new ${row.new.toFixed(2)} ${unit}, new/old ${row.ratio.toFixed(3)} (${row.min.toFixed(3)}–${row.max.toFixed(3)})\n`,
    );
  }
};

// ---- core: the cost of one tick against one order (tickCost.ts) -------------------------------

const TICKS_PER_ROUND = 200_000;
const activeOrder = (core, takeProfitPrice) => {
  const orderId = 'bench-1';
  const commands = [
    {
      type: 'CreateSmartOrder',
      orderId,
      ts: 1,
      exchange: 'paper',
      symbol: 'BTC/USDT',
      side: 'BUY',
      quantity: 1,
      entry: { type: 'LIMIT', price: 100 },
      takeProfits: [
        { price: takeProfitPrice, sizePct: 40 },
        { price: takeProfitPrice + 5, sizePct: 35 },
        { price: takeProfitPrice + 15, sizePct: 25 },
      ],
      stopLoss: { price: 95 },
      trailing: { callbackRate: 0.02 },
    },
    {
      type: 'ExecutionReport',
      orderId,
      ts: 2,
      clientOrderId: core.clientOrderId(orderId, core.PURPOSE.entry, 0, 1),
      execType: 'TRADE',
      lastPrice: 100,
      cumulativeQuantity: 1,
    },
  ];
  let state = null;
  for (const command of commands) {
    const decided = core.decide(command, state);
    if (decided._tag === 'Left') throw new Error(`bench order refused: ${decided.left.message}`);
    state = core.fold(decided.right, state);
  }
  return state;
};
const quietTicks = Array.from({ length: 1_000 }, (_, i) => ({
  type: 'Tick',
  symbol: 'BTC/USDT',
  ts: 10 + i,
  price: 98.5 + (i % 150) / 100,
}));
const noTrigger = (core) => {
  const state = activeOrder(core, 105);
  let events = 0;
  for (let i = 0; i < TICKS_PER_ROUND; i++) {
    const decided = core.decide(quietTicks[i % quietTicks.length], state);
    if (decided._tag === 'Right') events += decided.right.length;
  }
  return events;
};
const trailingRaise = (core) => {
  let state = activeOrder(core, 1_000_000);
  let events = 0;
  for (let i = 0; i < TICKS_PER_ROUND; i++) {
    const tick = {
      type: 'Tick',
      symbol: 'BTC/USDT',
      ts: 10 + i,
      price: (10_000 + 2 * (i + 1)) / 100,
    };
    const decided = core.decide(tick, state);
    if (decided._tag === 'Right') {
      for (const e of decided.right) state = core.evolve(state, e);
      events += decided.right.length;
    }
  }
  if (events !== TICKS_PER_ROUND)
    throw new Error(`expected one TrailingRaised per tick, got ${events}`);
  return events;
};
const coreFigures = async (trees) => {
  // Warm-up rounds: the JIT's first passes are no figure.
  for (const t of trees)
    for (let k = 0; k < 2; k++) {
      noTrigger(t.core);
      trailingRaise(t.core);
    }
  const costs = await interleaved('core', trees, async (t) => {
    const rounds = 3;
    let c = process.cpuUsage();
    for (let k = 0; k < rounds; k++) noTrigger(t.core);
    const quiet = cpuSeconds(c) / (rounds * TICKS_PER_ROUND);
    c = process.cpuUsage();
    for (let k = 0; k < rounds; k++) trailingRaise(t.core);
    const raise = cpuSeconds(c) / (rounds * TICKS_PER_ROUND);
    return { quiet, raise };
  });
  report(costs, trees, [
    ['quiet', 'core: one tick against one order, nothing moves', 'ns CPU/tick', 1e9],
    ['raise', 'core: one tick against one order, trailing raised', 'ns CPU/tick', 1e9],
  ]);
};

// ---- engine: ticks through an engine holding a book (engineFigures.ts) -----------------------

const ETH = { symbol: 'ETH/USDT', mid: 2680 };
const recordingOf = async (tree) => {
  const file = join(tree.root, 'examples/data/binance-spot_ETHUSDT_trades_20240809.csv');
  const read = await tree.readTicks(file, { symbol: ETH.symbol });
  if (read._tag === 'Left') throw new Error(read.left.message);
  return read.right.ticks;
};
/** The recording played again, `round` passes later, so that time only moves forward. */
const passOf = (ticks) => {
  const first = ticks[0].ts;
  const span = ticks[ticks.length - 1].ts - first + 1_000;
  return (round) => (tick) => (round === 0 ? tick : { ...tick, ts: tick.ts + round * span });
};
const loadedEngine = async (tree, mix, store, count, first, active) => {
  const engine = tree.createEngine({ store, exchange: tree.getPaperExchange() });
  await engine.start();
  const orders = mix(count, ETH.symbol, ETH.mid, active);
  for (let i = 0; i < orders.length; i += 10_000)
    await engine.process({ commands: orders.slice(i, i + 10_000) });
  await engine.tick(first);
  return engine;
};
const ticksFigures = async (trees, mix, recorded) => {
  const pass = passOf(recorded);
  for (const count of [1_000, 10_000]) {
    await withTempDir(async (dir) => {
      const engines = new Map();
      for (const t of trees) {
        const store = t.getSqliteEventStore(join(dir, `${t.label}-${count}.sqlite`));
        engines.set(t, {
          store,
          engine: await loadedEngine(t, mix, store, count, recorded[0], 40),
        });
      }
      const passes = TICK_PASSES;
      const rounds = new Map(trees.map((t) => [t, 1]));
      try {
        const costs = await interleaved(`ticks ${count}`, trees, async (t, r) => {
          const { engine } = engines.get(t);
          // 40 fresh orders the recorded prices reach, untimed, so that each window sees the
          // same triggering work (as the bench's windows do).
          const start = pass(rounds.get(t))(recorded[0]).ts;
          const fresh = mix(40, ETH.symbol, ETH.mid).map((o) => ({
            ...o,
            orderId: `w${r}-${o.orderId}`,
            ts: start,
          }));
          await engine.process({ commands: fresh });
          const c = process.cpuUsage();
          for (let p = 0; p < passes; p++) {
            const shift = pass(rounds.get(t));
            rounds.set(t, rounds.get(t) + 1);
            for (const tick of recorded) await engine.tick(shift(tick));
          }
          return { tick: cpuSeconds(c) / (passes * recorded.length) };
        });
        report(costs, trees, [
          [
            'tick',
            `engine: one tick, ${count / 1000}k open orders (SQLite, paper)`,
            'µs CPU/tick',
            1e6,
          ],
        ]);
      } finally {
        for (const { engine, store } of engines.values()) {
          await engine.stop();
          await store.close();
        }
      }
    });
  }
};

// ---- tick-to-intent on SQLite (engineFigures.ts tickToIntentLatency) ---------------------------

const IDLE = 10_000;
const LATENCY_SYMBOL = 'ETH/USDT';
// The idle book (mid 2680) has nothing between 2660 and 2700: each repetition's ladder has a
// band of its own in 2681–2699, one cent per sample, so that a sample's tick triggers its own
// take-profit and nothing else, even where every ladder was made in advance.
const SAMPLES = Math.min(300, Math.floor(1_880 / REPS) - 1);
const priceAt = (r, i) =>
  Math.round((2681 + r * (SAMPLES + 1) * 0.01 + 0.01 * (i + 1)) * 100) / 100;
const ladder = (r, ts) =>
  Array.from({ length: SAMPLES }, (_, i) => ({
    type: 'CreateSmartOrder',
    orderId: `latency-${r}-${i}`,
    ts,
    exchange: 'paper',
    symbol: LATENCY_SYMBOL,
    side: 'BUY',
    quantity: 0.01,
    entry: { type: 'MARKET' },
    takeProfits: [{ price: priceAt(r, i), sizePct: 100 }],
  }));
const foot = (ts) => ({ type: 'Tick', symbol: LATENCY_SYMBOL, ts, price: 2680 });

/**
 * Each tree as its own bench measured it. The tree before the one-path engine filled in the
 * batch on paper; its bench made the ladders with that engine, then measured an engine on the
 * same paper book driven as a live venue (its in-batch simulation removed), whose fills come
 * back as reports. The one-path tree's paper exchange is a live venue on the one path: the
 * ladder of each repetition is made by the measured engine, its entries filled by a tick.
 */
const latencyEngine = async (tree, mix, dir) => {
  const store = tree.getSqliteEventStore(join(dir, `${tree.label}-latency.sqlite`));
  const before = 'simulation' in tree.getPaperExchange();
  const setup = tree.createEngine({ store, exchange: tree.getPaperExchange() });
  await setup.start();
  const idle = mix(IDLE, LATENCY_SYMBOL, ETH.mid, 0);
  for (let i = 0; i < idle.length; i += 10_000)
    await setup.process({ commands: idle.slice(i, i + 10_000) });
  await setup.tick(foot(1));
  if (before) {
    for (let r = 0; r < REPS; r++) await setup.process({ commands: ladder(r, 2) });
    await setup.tick(foot(3));
  }
  await setup.stop();
  let exchange = tree.getPaperExchange();
  if (before) {
    const { simulation: _inBatch, ...live } = exchange;
    exchange = live;
  }
  const engine = tree.createEngine({ store, exchange });
  await engine.start();
  return { engine, store, before, ts: 10 };
};
const latencyFigures = async (trees, mix) =>
  withTempDir(async (dir) => {
    const sides = new Map();
    for (const t of trees) sides.set(t, await latencyEngine(t, mix, dir));
    try {
      const costs = await interleaved('tick-to-intent', trees, async (t, r) => {
        const side = sides.get(t);
        const { engine } = side;
        const settle = async () => {
          for (let k = 0; k < 3; k++) await new Promise((done) => setImmediate(done));
          await engine.process({});
        };
        await engine.tick(foot(side.ts++));
        if (!side.before) {
          await engine.process({ commands: ladder(r, side.ts) });
          await engine.tick(foot(side.ts++));
          await settle();
        }
        let committedCpu = null;
        const subscription = engine.events$.subscribe((e) => {
          if (e.type === 'TpTriggered') committedCpu = process.cpuUsage();
        });
        const toIntent = [];
        const c = process.cpuUsage();
        for (let i = 0; i < SAMPLES; i++) {
          committedCpu = null;
          const t0 = process.cpuUsage();
          const { events } = await engine.tick({
            type: 'Tick',
            symbol: LATENCY_SYMBOL,
            ts: side.ts++,
            price: priceAt(r, i),
          });
          if (!events.some((e) => e.type === 'TpTriggered') || committedCpu === null)
            throw new Error(`${t.label}: latency tick ${i} of repetition ${r} triggered nothing`);
          const used = {
            user: committedCpu.user - t0.user,
            system: committedCpu.system - t0.system,
          };
          toIntent.push((used.user + used.system) / 1e6);
          await settle();
        }
        const round = cpuSeconds(c) / SAMPLES;
        subscription.unsubscribe();
        return { toIntent: median(toIntent), round };
      });
      report(costs, trees, [
        ['toIntent', `tick-to-intent, median of ${SAMPLES} (SQLite, 10k idle)`, 'µs CPU', 1e6],
        ['round', 'a triggering tick through its fill, mean (SQLite, 10k idle)', 'µs CPU', 1e6],
      ]);
    } finally {
      for (const { engine, store } of sides.values()) {
        await engine.stop();
        await store.close();
      }
    }
  });

// ---- SQLite appends grouped per tick (sqliteAppendRate.ts) -------------------------------------

const pseudoRandom = (seed) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};
const appendBatches = (orderStream) => {
  const random = pseudoRandom(42);
  const versions = new Map();
  const out = [];
  for (let tick = 0; tick < 10_000; tick += 1) {
    const streams = new Set();
    while (streams.size < 10) streams.add(orderStream(`o-${Math.floor(random() * 10_000)}`));
    out.push(
      [...streams].map((stream) => {
        const version = versions.get(stream) ?? 0;
        const count = 1 + Math.floor(random() * 3);
        versions.set(stream, version + count);
        return {
          stream,
          expectedVersion: version === 0 ? 'no_stream' : version,
          events: Array.from({ length: count }, (_, i) => ({
            type: 'TrailingRaised',
            ts: 1_700_000_000_000 + tick,
            data: { mark: 100 + tick / 100, stopPrice: 98 + tick / 100, index: i },
          })),
        };
      }),
    );
  }
  return out;
};
const appendFigures = async (trees) => {
  const batches = new Map(trees.map((t) => [t, appendBatches(t.orderStream)]));
  const events = batches
    .get(trees[0])
    .flat()
    .reduce((n, a) => n + a.events.length, 0);
  const costs = await interleaved('append', trees, (t, r) =>
    withTempDir(async (dir) => {
      const store = t.getSqliteEventStore(join(dir, `append-${r}.sqlite`));
      try {
        const c = process.cpuUsage();
        const started = process.hrtime.bigint();
        for (const appends of batches.get(t)) {
          const result = await store.appendBatch(appends);
          if (result._tag === 'Left') throw new Error(result.left.message);
        }
        const wall = Number(process.hrtime.bigint() - started) / 1e9;
        return { event: cpuSeconds(c) / events, wall: wall / events };
      } finally {
        await store.close();
      }
    }),
  );
  // The wall clock beside the CPU: a commit's writes to the WAL are partly the kernel's and
  // the disk's time. On a shared machine the wall ratio also carries the others' turns.
  report(costs, trees, [
    ['event', 'SQLite append, grouped per tick', 'µs CPU/event', 1e6],
    ['wall', 'SQLite append, grouped per tick (wall clock)', 'µs/event', 1e6],
  ]);
};

// ---- restart of an engine holding open orders (engineFigures.ts restartFigures) ---------------

const heapNow = () => {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
};
const restartOnce = async (tree, path) => {
  const heapBefore = heapNow();
  const c = process.cpuUsage();
  const store = tree.getSqliteEventStore(path);
  const engine = tree.createEngine({ store, exchange: tree.getPaperExchange() });
  await engine.start();
  const seconds = cpuSeconds(c);
  const open = engine.openOrderCount;
  const heap = (heapNow() - heapBefore) / open;
  await engine.stop();
  await store.close();
  return { seconds, open, heap };
};
const restartFigures = async (trees, mix, recorded) =>
  withTempDir(async (dir) => {
    const paths = new Map();
    for (const t of trees) {
      const path = join(dir, `${t.label}-restart.sqlite`);
      const store = t.getSqliteEventStore(path);
      const engine = await loadedEngine(t, mix, store, RESTART_ORDERS, recorded[0], 40);
      paths.set(t, { path, open: engine.openOrderCount });
      await engine.stop();
      await store.close();
    }
    const costs = await interleaved('restart', trees, async (t) => {
      const { path, open } = paths.get(t);
      const once = await restartOnce(t, path);
      if (once.open !== open)
        throw new Error(`${t.label}: restarted with ${once.open} open orders, not ${open}`);
      return { order: once.seconds / open, heap: once.heap };
    });
    const open = paths.get(trees[0]).open;
    report(costs, trees, [
      [
        'order',
        `restart with ${open.toLocaleString('en-US')} open orders (SQLite)`,
        'µs CPU/order',
        1e6,
      ],
      [
        'heap',
        `engine heap per open order after a restart (${open.toLocaleString('en-US')})`,
        'bytes',
        1,
      ],
    ]);
  });

// ---- replay (replayCpu.cjs) --------------------------------------------------------------------

const replayPlan = {
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
const replayOnce = (tree, ticks) =>
  withTempDir(async (dir) => {
    const store = tree.getSqliteEventStore(join(dir, 'r.sqlite'));
    const engine = tree.createEngine({ store, exchange: tree.getPaperExchange() });
    await engine.start();
    const c = process.cpuUsage();
    await tree.replayTicks({
      engine,
      store,
      ticks,
      plan: replayPlan,
      checkpointName: 'cpu',
      onEvents: () => undefined,
    });
    const seconds = cpuSeconds(c);
    await engine.stop();
    await store.close();
    return seconds;
  });
const replayFigures = async (trees, recorded) => {
  for (let n = 0; n < 3; n++) for (const t of trees) await replayOnce(t, recorded);
  const replays = 5;
  const costs = await interleaved('replay', trees, async (t) => {
    let seconds = 0;
    for (let n = 0; n < replays; n++) seconds += await replayOnce(t, recorded);
    return { tick: seconds / (replays * recorded.length) };
  });
  report(costs, trees, [
    [
      'tick',
      `replay of ${recorded.length.toLocaleString('en-US')} ticks, 12 orders (SQLite, paper)`,
      'µs CPU/tick',
      1e6,
    ],
  ]);
};

(async () => {
  const before = loadavg();
  const started = new Date();
  const trees = [load(oldTree, 'old'), load(newTree, 'new')];
  const mix = trees[0].orderMix;
  const recorded = await recordingOf(trees[0]);
  if (globalThis.gc === undefined) process.stderr.write('note: run with --expose-gc\n');
  if (wanted.has('core')) await coreFigures(trees);
  if (wanted.has('ticks')) await ticksFigures(trees, mix, recorded);
  if (wanted.has('latency')) await latencyFigures(trees, mix);
  if (wanted.has('append')) await appendFigures(trees);
  if (wanted.has('restart')) await restartFigures(trees, mix, recorded);
  if (wanted.has('replay')) await replayFigures(trees, recorded);
  const after = loadavg();
  const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
  console.log(`old: ${trees[0].root}\nnew: ${trees[1].root}`);
  console.log(
    `${started.toISOString()} – ${new Date().toISOString()}, ${REPS} repetitions, load average ${before.map((x) => x.toFixed(1)).join(' ')} at the start, ${after.map((x) => x.toFixed(1)).join(' ')} at the end\n`,
  );
  console.log('| figure | unit | old (median) | new (median) | new / old, median (min–max) |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.unit} | ${fmt(r.old)} | ${fmt(r.new)} | ${r.ratio.toFixed(2)} (${r.min.toFixed(2)}–${r.max.toFixed(2)})${r.ratio > 1.1 ? ' **worse by more than 10 %**' : ''} |`,
    );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
