import type { Window } from './figure';

/** At least 5 repetitions of every figure, each side of a ratio measured alternately. */
export const REPETITIONS = 5;

/** No timed window shorter than this: one garbage collection must not decide a figure. */
export const MIN_WINDOW_SECONDS = 1;

/**
 * The windows of the ticks per second by book size and of the engine against bare reading. A
 * book of 100k orders is a heap of 200 MB, and whether one of its major collections fell in a
 * window of 1 s moved the 100k / 1k ratio by ±24 % in a quiet run; in windows of 2 s the ratio
 * still spread over 0.76–1.16× in one run, each side by ±16–20 %. The windows of 4 s hold twice
 * as many collections again.
 */
export const BOOK_WINDOW_SECONDS = 4;

/**
 * Nor with less CPU time than this for the process: on a machine shared with other work, a
 * second of wall time may hold a tenth of a second of ours.
 */
export const MIN_WINDOW_CPU_SECONDS = 0.5;

const cpuSecondsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

/** Times `work` once; it returns how much it did (ticks, events). */
export const timeWindow = async (work: () => Promise<number> | number): Promise<Window> => {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const done = await work();
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { work: done, wallSeconds, cpuSeconds: cpuSecondsSince(cpu) };
};

/**
 * Repeats `pass` (the recording once, a round of ticks) until the window has lasted at least
 * `minSeconds` and used `minCpuSeconds` of the process's CPU, and returns the whole window: a pass of 40 ms would be decided by one
 * collection of a large heap.
 */
export const timeAtLeast = async (
  pass: (round: number) => Promise<number> | number,
  minSeconds = MIN_WINDOW_SECONDS,
  minCpuSeconds = MIN_WINDOW_CPU_SECONDS,
): Promise<Window> => {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let work = 0;
  let wallSeconds = 0;
  let cpuSeconds = 0;
  for (let round = 0; wallSeconds < minSeconds || cpuSeconds < minCpuSeconds; round++) {
    work += await pass(round);
    wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    cpuSeconds = cpuSecondsSince(cpu);
  }
  return { work, wallSeconds, cpuSeconds };
};

/** A full collection, where the process runs with `--expose-gc` (as `npm run bench` does). */
export const collect: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Runs every side once per repetition, one after the other, the order reversed every other
 * repetition (A B, B A, …) so that neither side always runs first after the other's garbage.
 * Each side starts from a collected heap: the 1k and 100k books share one, and a major
 * collection owed to the side before fell in one window of five (0.65× and 1.53× against
 * 1.01× for the others, on CPU time as on the wall clock).
 *
 * With `warmUp`, a first repetition of every side runs and is not kept: a book's first pass
 * after it was loaded is not its steady state (below).
 */
export const interleaved = async <K extends string, A>(
  repetitions: number,
  sides: Record<K, (repetition: number) => Promise<A>>,
  options: { readonly warmUp?: boolean } = {},
): Promise<Record<K, A[]>> => {
  const keys = Object.keys(sides) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as A[]])) as Record<K, A[]>;
  const first = options.warmUp === true ? 1 : 0;
  for (let r = 0; r < repetitions + first; r++) {
    for (const k of r % 2 === 0 ? keys : [...keys].reverse()) {
      collect();
      const result = await sides[k](r);
      if (r >= first) out[k].push(result);
    }
  }
  return out;
};

/** A side measured in slices: untimed preparation for a repetition, then timed slices. */
export interface SlicedSide<W extends Window = Window> {
  /** Untimed work before a repetition's slices (fresh orders the prices reach). */
  readonly prepare?: (repetition: number) => Promise<void>;
  /** One timed slice of at least `seconds`, with no collection of its own. */
  readonly slice: (seconds: number) => Promise<W>;
}

/**
 * Slices of a repetition's window: the sides alternate every quarter of a second, so that a
 * burst of load on the machine, which lasts longer, falls on both sides of a ratio alike.
 */
export const SLICE_SECONDS = 0.25;

/** Two windows as one: their work, wall time and CPU time added. */
export const addedWindows = (a: Window, b: Window): Window => ({
  work: a.work + b.work,
  wallSeconds: a.wallSeconds + b.wallSeconds,
  cpuSeconds: a.cpuSeconds + b.cpuSeconds,
});

export interface SliceOptions<W extends Window> {
  readonly windowSeconds: number;
  readonly sliceSeconds?: number;
  /** `MIN_WINDOW_CPU_SECONDS` unless the work is mostly another process's (a server's). */
  readonly minCpuSeconds?: number;
  readonly warmUp?: boolean;
  /** Untimed, before each repetition's slices, after every side prepared (a server's checkpoint). */
  readonly settle?: () => Promise<void>;
  /** How two slices of a side make one window; `addedWindows` unless the window holds more. */
  readonly add?: (a: W, b: W) => W;
}

/**
 * Like `interleaved`, but each repetition's window of every side is made of slices taken in
 * turn (A B A B …, the side that goes first changing every repetition) until every side has run
 * for `windowSeconds` and used `minCpuSeconds` of CPU: windows of several seconds taken one after
 * the other still met the machine's bursts apart (a tick that moves nothing cost 490 ns in one
 * window and 979 ns in another of the same run), and a ratio of two such windows moved with
 * them. A repetition starts from a collected heap after every side has prepared.
 */
export const interleavedSlices = async <K extends string, W extends Window = Window>(
  repetitions: number,
  sides: Record<K, SlicedSide<W>>,
  options: SliceOptions<W>,
): Promise<Record<K, W[]>> => {
  const keys = Object.keys(sides) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as W[]])) as Record<K, W[]>;
  const first = options.warmUp === true ? 1 : 0;
  const slice = options.sliceSeconds ?? SLICE_SECONDS;
  const add = options.add ?? ((a: W, b: W): W => ({ ...a, ...addedWindows(a, b) }));
  const minCpuSeconds = options.minCpuSeconds ?? MIN_WINDOW_CPU_SECONDS;
  const short = (w: W | undefined) =>
    w === undefined || w.wallSeconds < options.windowSeconds || w.cpuSeconds < minCpuSeconds;
  for (let r = 0; r < repetitions + first; r++) {
    for (const k of keys) await sides[k].prepare?.(r);
    await options.settle?.();
    collect();
    const order = r % 2 === 0 ? keys : [...keys].reverse();
    const sum = new Map<K, W>();
    while (keys.some((k) => short(sum.get(k))))
      for (const k of order) {
        const w = await sides[k].slice(slice);
        const before = sum.get(k);
        sum.set(k, before === undefined ? w : add(before, w));
      }
    if (r >= first) for (const k of keys) out[k].push(sum.get(k) as W);
  }
  return out;
};
