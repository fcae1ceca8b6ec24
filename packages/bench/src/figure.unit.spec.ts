import { durationFigure, rateFigure, ratioFigure } from './figure';

const window = (work: number, wallSeconds: number, cpuSeconds = wallSeconds) => ({
  work,
  wallSeconds,
  cpuSeconds,
});

describe('figures', () => {
  it('a rate keeps every window, its median by the clock, and its median per CPU-second beside it', () => {
    const f = rateFigure(
      'ticks/s',
      'ticks/s',
      [window(100, 1, 0.8), window(120, 1, 1), window(90, 1, 0.9)],
      {
        op: '>=',
        value: 95,
      },
    );
    expect(f).toMatchObject({
      value: 100,
      samples: [100, 120, 90],
      min: 90,
      max: 120,
      status: 'met',
      target: '≥ 95',
    });
    expect(f.spread).toBeCloseTo(0.2, 9);
    expect(f.cpu).toMatchObject({
      wallSeconds: [1, 1, 1],
      cpuSeconds: [0.8, 1, 0.9],
      samples: [125, 120, 100],
      value: 120,
      status: 'met',
    });
    expect(f.baseline).toBeNull();
  });

  it('a ratio pairs repetition i of each side, and names its baseline with its samples', () => {
    const measured = rateFigure('engine', 'ticks/s', [window(50, 1), window(30, 1), window(40, 1)]);
    const baseline = rateFigure('bare', 'ticks/s', [window(100, 1), window(50, 1), window(80, 1)]);
    const ratio = ratioFigure('engine / bare', measured, baseline, { op: '>=', value: 0.25 });
    expect(ratio.samples).toEqual([0.5, 0.6, 0.5]);
    expect(ratio.value).toBe(0.5);
    expect(ratio.unit).toBe('×');
    expect(ratio.status).toBe('met');
    expect(ratio.cpu?.samples).toEqual([0.5, 0.6, 0.5]);
    expect(ratio.baseline).toEqual({
      name: 'bare',
      unit: 'ticks/s',
      value: 80,
      samples: [100, 50, 80],
      min: 50,
      max: 100,
    });
  });

  it('a ratio whose sides moved together holds where each side alone is unstable', () => {
    const measured = rateFigure('engine', 'ticks/s', [
      window(100, 1),
      window(40, 1),
      window(70, 1),
    ]);
    const baseline = rateFigure('bare', 'ticks/s', [window(200, 1), window(80, 1), window(140, 1)]);
    expect(measured.status).toBe('unstable');
    expect(ratioFigure('ratio', measured, baseline, { op: '>=', value: 0.5 }).status).toBe('met');
  });

  it('a ratio refuses sides with different repetitions', () => {
    const a = rateFigure('a', 'x', [window(1, 1)]);
    const b = rateFigure('b', 'x', [window(1, 1), window(1, 1)]);
    expect(() => ratioFigure('a / b', a, b, null)).toThrow('1 repetitions against 2');
  });

  it('a duration is the wall time of each window, its CPU time beside it', () => {
    const f = durationFigure('restart', [window(1, 2, 1.5), window(1, 3, 2.5), window(1, 2.5, 2)], {
      op: '<=',
      value: 10,
    });
    expect(f).toMatchObject({ value: 2.5, unit: 's', status: 'met' });
    expect(f.cpu?.value).toBe(2);
  });
});
