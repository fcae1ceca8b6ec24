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
 *
 * With `sameOrder`, every repetition runs the sides in the same order (A B, A B, …), so that
 * each side's every window follows one window of each other side: for sides in processes of
 * their own, which share no heap, where a side's windows right after its own ran faster than
 * the ones after the other's (the million's 140k–146k ticks/s against 95k–97k).
 */
export const interleaved = async <K extends string, A>(
  repetitions: number,
  sides: Record<K, (repetition: number) => Promise<A>>,
  options: { readonly warmUp?: boolean; readonly sameOrder?: boolean } = {},
): Promise<Record<K, A[]>> => {
  const keys = Object.keys(sides) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as A[]])) as Record<K, A[]>;
  const first = options.warmUp === true ? 1 : 0;
  for (let r = 0; r < repetitions + first; r++) {
    for (const k of r % 2 === 0 || options.sameOrder === true ? keys : [...keys].reverse()) {
      collect();
      const result = await sides[k](r);
      if (r >= first) out[k].push(result);
    }
  }
  return out;
};
