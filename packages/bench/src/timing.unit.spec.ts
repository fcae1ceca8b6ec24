import { interleaved } from './timing';

describe('interleaved repetitions', () => {
  const run = async (warmUp: boolean, sameOrder = false) => {
    const calls: string[] = [];
    const side = (name: string) => async (r: number) => {
      calls.push(`${name}${r}`);
      return `${name}${r}`;
    };
    const out = await interleaved(3, { a: side('a'), b: side('b') }, { warmUp, sameOrder });
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

  it('keeps one order in every repetition when asked, so each window follows the other side', async () => {
    const { calls, out } = await run(true, true);
    expect(calls).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
    expect(out).toEqual({ a: ['a1', 'a2', 'a3'], b: ['b1', 'b2', 'b3'] });
  });
});
