import { deadlineTimerOf, startDeadlineTimer } from './deadlineTimer';
import { NOTHING, type Work, type WorkResult } from './work';

/** The promise chain of a look (run, catch, finally) has ended. */
const settled = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('the deadline timer of a live engine (SEMANTICS §8.6)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs by default with live protocols, not in a replay; false turns it off, options on', () => {
    expect(deadlineTimerOf(undefined, true)).toEqual({});
    expect(deadlineTimerOf(undefined, false)).toBe(false);
    expect(deadlineTimerOf(false, true)).toBe(false);
    expect(deadlineTimerOf({ intervalMs: 50 }, false)).toEqual({ intervalMs: 50 });
  });

  it('enters the clock’s time as a Timer only when it passes a deadline', async () => {
    const runs: Work[] = [];
    let clock = 1_000;
    const stop = startDeadlineTimer(
      { intervalMs: 100, now: () => clock },
      (ts) => ts >= 1_200,
      async (work) => {
        runs.push(work);
        return NOTHING;
      },
      () => undefined,
    );
    jest.advanceTimersByTime(100);
    expect(runs).toEqual([]);
    clock = 1_200;
    jest.advanceTimersByTime(100);
    expect(runs).toEqual([{ timer: { ts: 1_200 } }]);
    stop();
    jest.advanceTimersByTime(1_000);
    expect(runs).toHaveLength(1);
  });

  it('one look waits for the last: no second Timer while one is being decided', async () => {
    const runs: Work[] = [];
    let finish: (r: WorkResult) => void = () => undefined;
    const stop = startDeadlineTimer(
      { intervalMs: 100, now: () => 5_000 },
      () => true,
      (work) => {
        runs.push(work);
        return new Promise<WorkResult>((resolve) => (finish = resolve));
      },
      () => undefined,
    );
    jest.advanceTimersByTime(300);
    expect(runs).toHaveLength(1);
    finish(NOTHING);
    await settled();
    jest.advanceTimersByTime(100);
    expect(runs).toHaveLength(2);
    stop();
  });

  it('a unit that fails goes to fail, and the timer looks again', async () => {
    const failures: unknown[] = [];
    let calls = 0;
    const stop = startDeadlineTimer(
      { intervalMs: 100, now: () => 5_000 },
      () => true,
      async () => {
        calls += 1;
        throw new Error('store refused');
      },
      (e) => failures.push(e),
    );
    jest.advanceTimersByTime(100);
    await settled();
    jest.advanceTimersByTime(100);
    expect(failures).toHaveLength(1);
    expect(calls).toBe(2);
    stop();
  });

  it('off, it starts nothing', () => {
    const stop = startDeadlineTimer(
      false,
      () => true,
      () => Promise.resolve(NOTHING),
      () => undefined,
    );
    expect(jest.getTimerCount()).toBe(0);
    stop();
  });
});
