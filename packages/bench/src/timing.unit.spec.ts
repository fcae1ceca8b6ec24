import type { Window } from './figure';
import { interleaved, interleavedSlices, MIN_WINDOW_CPU_SECONDS } from './timing';

describe('interleaved repetitions', () => {
  const run = async (warmUp: boolean) => {
    const calls: string[] = [];
    const side = (name: string) => async (r: number) => {
      calls.push(`${name}${r}`);
      return `${name}${r}`;
    };
    const out = await interleaved(3, { a: side('a'), b: side('b') }, { warmUp });
    return { calls, out };
  };

  it('alternates which side goes first, repetition by repetition', async () => {
    const { calls, out } = await run(false);
    expect(calls).toEqual(['a0', 'b0', 'b1', 'a1', 'a2', 'b2']);
    expect(out).toEqual({ a: ['a0', 'a1', 'a2'], b: ['b0', 'b1', 'b2'] });
  });

  it('runs a warm-up repetition of every side first and keeps only the ones after it', async () => {
    const { calls, out } = await run(true);
    expect(calls).toEqual(['a0', 'b0', 'b1', 'a1', 'a2', 'b2', 'b3', 'a3']);
    expect(out).toEqual({ a: ['a1', 'a2', 'a3'], b: ['b1', 'b2', 'b3'] });
  });
});

describe('interleaved slices', () => {
  /** A side whose slices last what they are asked, in made-up time, and say so. */
  const side = (name: string, calls: string[], cpuShare = 1) => ({
    prepare: async (r: number) => {
      calls.push(`${name}:prepare${r}`);
    },
    slice: async (seconds: number): Promise<Window> => {
      calls.push(`${name}:${seconds}`);
      return { work: 10, wallSeconds: seconds, cpuSeconds: seconds * cpuShare };
    },
  });

  it('prepares every side, then alternates slices until each side has a whole window', async () => {
    const calls: string[] = [];
    const out = await interleavedSlices(
      2,
      { a: side('a', calls), b: side('b', calls) },
      { windowSeconds: 1, sliceSeconds: 0.5 },
    );
    expect(calls).toEqual([
      'a:prepare0',
      'b:prepare0',
      'a:0.5',
      'b:0.5',
      'a:0.5',
      'b:0.5',
      'a:prepare1',
      'b:prepare1',
      'b:0.5',
      'a:0.5',
      'b:0.5',
      'a:0.5',
    ]);
    expect(out.a).toEqual([
      { work: 20, wallSeconds: 1, cpuSeconds: 1 },
      { work: 20, wallSeconds: 1, cpuSeconds: 1 },
    ]);
  });

  it('goes on until every side has used enough CPU, and drops the warm-up repetition', async () => {
    const calls: string[] = [];
    const out = await interleavedSlices(
      1,
      { a: side('a', calls), b: side('b', calls, 0.1) },
      { windowSeconds: 1, sliceSeconds: 1, warmUp: true },
    );
    expect(out.a).toHaveLength(1);
    // b gets a tenth of its wall time: it needs MIN_WINDOW_CPU_SECONDS / 0.1 slices of 1 s.
    const slices = Math.ceil(MIN_WINDOW_CPU_SECONDS / 0.1 - 1e-9);
    expect(out.b[0]?.wallSeconds).toBeCloseTo(slices);
    expect(out.a[0]?.wallSeconds).toBeCloseTo(slices);
    expect(calls.filter((c) => c === 'a:prepare0' || c === 'a:prepare1')).toHaveLength(2);
  });
});
