import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Window } from './figure';
import { orderMix } from './orderMix';
import { childrenInTurn } from './childrenInTurn';
import { REPETITIONS } from './timing';

/** A recording of the repository and the market its orders are written for. */
export interface RecordingSource {
  readonly file: string;
  readonly symbol: string;
  readonly mid: number;
  readonly tickSize: number;
}

interface Row {
  readonly ts: number;
  readonly rest: string;
}

const rowsOf = async (file: string): Promise<{ rows: Row[]; header: string[] }> => {
  const [head, ...lines] = (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
  const header = (head ?? '').split(',');
  const time = header.indexOf('timestamp');
  if (time !== 0) throw new Error(`${file}: expected the timestamp in the first column`);
  return {
    header,
    rows: lines.map((line) => {
      const comma = line.indexOf(',');
      return { ts: Number(line.slice(0, comma)), rest: line.slice(comma + 1) };
    }),
  };
};

/**
 * Writes the recordings one after the other, again and again, each copy shifted in time to
 * start a second after the previous one ended, with a symbol column, until the file holds at
 * least `minTicks` ticks. Returns how many it holds. Generated at bench time, never committed.
 */
export const writeLongRecording = async (
  sources: readonly RecordingSource[],
  path: string,
  minTicks: number,
): Promise<number> => {
  const read = await Promise.all(sources.map(async (s) => ({ ...s, ...(await rowsOf(s.file)) })));
  const header = read[0]?.header ?? [];
  for (const r of read)
    if (r.header.join(',') !== header.join(','))
      throw new Error(`${r.file}: columns ${r.header.join(',')} differ from ${header.join(',')}`);
  const out = createWriteStream(path);
  out.write(`${header.join(',')},symbol\n`);
  let written = 0;
  let next = read[0]?.rows[0]?.ts ?? 0;
  while (written < minTicks) {
    for (const r of read) {
      const first = r.rows[0]?.ts ?? 0;
      const shift = next - first;
      let chunk = '';
      for (const row of r.rows) chunk += `${row.ts + shift},${row.rest},${r.symbol}\n`;
      if (!out.write(chunk)) await once(out, 'drain');
      written += r.rows.length;
      next = (r.rows[r.rows.length - 1]?.ts ?? first) + shift + 1_000;
    }
  }
  out.end();
  await once(out, 'finish');
  return written;
};

/** A plan of `orders` orders of the mix, shared out between the recordings' markets. */
export const writeMixPlan = async (
  sources: readonly RecordingSource[],
  path: string,
  orders: number,
): Promise<void> => {
  const each = Math.ceil(orders / sources.length);
  const planned = sources.flatMap((s, k) =>
    orderMix(Math.min(each, orders - k * each), s.symbol, s.mid).map(
      ({ type: _type, ts: _ts, ...order }) => ({
        ...order,
        orderId: `${s.symbol.split('/')[0]?.toLowerCase()}-${order.orderId}`,
        market: { tickSize: s.tickSize, stepSize: 0.0001 },
      }),
    ),
  );
  await writeFile(path, JSON.stringify({ orders: planned }));
};

const READ_ONLY = `const { readTicks } = require(process.argv[2]);
readTicks(process.argv[3]).then((r) => {
  if (r._tag === 'Left') { console.error(r.left.message); process.exit(2); }
  process.stdout.write(String(r.right.ticks.length));
});
`;

/**
 * Backtest speed: `smart-orders replay` on `memory:` of the long recording with a plan of
 * `orders` orders, against reading and parsing the same file alone (the replay's own reader),
 * each a process of its own from spawn to exit, the two in turns (`childrenInTurn`): the read
 * again and again while the replay runs.
 */
export const backtestSpeed = async (
  dir: string,
  repo: string,
  sources: readonly RecordingSource[],
  options: { readonly minTicks: number; readonly orders: number; readonly repetitions?: number },
): Promise<{ ticks: number; replay: Window[]; read: Window[] }> => {
  const ticksFile = join(dir, 'long-recording.csv');
  const planFile = join(dir, 'plan.json');
  const readScript = join(dir, 'readOnly.js');
  const ticks = await writeLongRecording(sources, ticksFile, options.minTicks);
  await writeMixPlan(sources, planFile, options.orders);
  await writeFile(readScript, READ_ONLY);
  const cli = join(repo, 'packages/cli/bin/smart-orders.js');
  const replayFiles = join(repo, 'packages/replay-files/dist/index.js');
  const replayArgs = [
    cli,
    'replay',
    '--ticks',
    ticksFile,
    '--plan',
    planFile,
    '--store',
    'memory:',
    '--format',
    'summary',
  ];
  const replay: Window[] = [];
  const read: Window[] = [];
  for (let r = 0; r < (options.repetitions ?? REPETITIONS); r++) {
    const windows = await childrenInTurn(
      { args: replayArgs, work: ticks },
      {
        args: [readScript, replayFiles, ticksFile],
        work: ticks,
        check: (stdout) => {
          if (Number(stdout) !== ticks) throw new Error(`read ${stdout} ticks of ${ticks}`);
        },
      },
      { measuredFirst: r % 2 === 0 },
    );
    replay.push(windows.measured);
    read.push(windows.baseline);
  }
  return { ticks, replay, read };
};
