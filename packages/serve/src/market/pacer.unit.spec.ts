import { createPacer, ReplayStopped, type Pacer } from './pacer';

/** Feeds the ticks one after another, as the replay does, noting the wall time of each. */
const feed = (pacer: Pacer, ticks: readonly number[]) => {
  const released: number[] = [];
  const done = (async () => {
    for (const ts of ticks) {
      await pacer.due(ts);
      released.push(Date.now());
    }
  })();
  return { released, done };
};

describe('the pacer', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('releases each tick at its recorded interval divided by the speed', async () => {
    const pacer = createPacer({ speed: 10, paused: false });
    const { released } = feed(pacer, [50_000, 51_000, 53_000]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(released).toEqual([0, 100, 300]);
  });

  it('holds every tick while paused and carries on from the last one played on resume', async () => {
    const pacer = createPacer({ speed: 1, paused: false });
    const { released } = feed(pacer, [0, 1_000, 2_000]);
    await jest.advanceTimersByTimeAsync(500);
    pacer.set({ paused: true });
    await jest.advanceTimersByTimeAsync(5_000);
    expect(released).toEqual([0]);
    pacer.set({ paused: false });
    await jest.advanceTimersByTimeAsync(3_000);
    expect(released).toEqual([0, 6_500, 7_500]);
  });

  it('re-anchors on a change of speed', async () => {
    const pacer = createPacer({ speed: 1, paused: false });
    const { released } = feed(pacer, [0, 1_000, 11_000]);
    await jest.advanceTimersByTimeAsync(1_000);
    pacer.set({ speed: 100 });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(released).toEqual([0, 1_000, 1_100]);
  });

  it('starts paused when told, and pauses by itself before the first tick after pauseAt', async () => {
    const pacer = createPacer({ speed: 1, paused: true });
    const { released } = feed(pacer, [0, 1_000, 2_000, 3_000]);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(released).toEqual([]);
    pacer.set({ paused: false, speed: 1_000, pauseAt: 1_500 });
    expect(pacer.pauseAt).toBe(1_500);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(released).toEqual([10_000, 10_001]);
    expect(pacer.paused).toBe(true);
    expect(pacer.pauseAt).toBeNull();
  });

  it('ends the replay where it is when stopped', async () => {
    const pacer = createPacer({ speed: 1, paused: false });
    const { released, done } = feed(pacer, [0, 60_000]);
    await jest.advanceTimersByTimeAsync(10);
    pacer.stop();
    await expect(done).rejects.toBeInstanceOf(ReplayStopped);
    await expect(pacer.due(0)).rejects.toBeInstanceOf(ReplayStopped);
    expect(released).toEqual([0]);
  });
});
