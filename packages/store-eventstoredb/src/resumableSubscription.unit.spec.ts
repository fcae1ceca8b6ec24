import { firstValueFrom, take, toArray } from 'rxjs';
import {
  resumableSubscription,
  type ResubscribePolicy,
  type SubscriptionSource,
} from './resumableSubscription';

interface Item {
  readonly position: number;
}

/** What one opened subscription does: deliver these positions, then fail, end, or stay open. */
interface Script {
  readonly positions: readonly number[];
  readonly then: { readonly fail: Error } | 'end' | 'stay';
}

/** A subscription source driven by scripts, recording where each subscription started. */
const scripted = (scripts: readonly Script[]) => {
  const starts: number[] = [];
  let unsubscribed = 0;
  const open = (afterPosition: number): SubscriptionSource<Item> => {
    const script = scripts[starts.length] ?? { positions: [], then: 'stay' };
    starts.push(afterPosition);
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    return {
      async *[Symbol.asyncIterator]() {
        for (const position of script.positions) {
          await Promise.resolve();
          yield { position };
        }
        if (script.then === 'stay') await stopped;
        else if (script.then !== 'end') throw script.then.fail;
      },
      unsubscribe: async () => {
        unsubscribed += 1;
        stop();
      },
    };
  };
  return { open, starts, unsubscribedCount: () => unsubscribed };
};

const dropped = (): Error =>
  Object.assign(new Error('14 UNAVAILABLE: connection reset'), { type: 'unavailable' });
const denied = (): Error => Object.assign(new Error('access denied'), { type: 'access-denied' });

const policy = (delays: number[] = []): ResubscribePolicy => ({
  isPermanent: (error) => (error as { type?: unknown }).type === 'access-denied',
  delayMs: (attempt) => {
    delays.push(attempt);
    return 0;
  },
});

const positionsOf = (items: readonly Item[]): number[] => items.map((i) => i.position);

describe('a subscription that resumes after a drop', () => {
  it('resubscribes after the last delivered position and delivers each event once, in order', async () => {
    const source = scripted([
      { positions: [10, 20, 30], then: { fail: dropped() } },
      // A server whose start is inclusive sends 30 again: it is not delivered twice.
      { positions: [30, 40], then: { fail: dropped() } },
      { positions: [50, 60], then: 'stay' },
    ]);
    const delivered = await firstValueFrom(
      resumableSubscription(source.open, 0, policy()).pipe(take(6), toArray()),
    );
    expect(positionsOf(delivered)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(source.starts).toEqual([0, 30, 40]);
  });

  it('starts after the given position and drops anything at or before it', async () => {
    const source = scripted([{ positions: [70, 80, 90], then: 'stay' }]);
    const delivered = await firstValueFrom(
      resumableSubscription(source.open, 80, policy()).pipe(take(1), toArray()),
    );
    expect(positionsOf(delivered)).toEqual([90]);
    expect(source.starts).toEqual([80]);
  });

  it('resubscribes when the server ends the subscription, and when it cannot open one', async () => {
    let opens = 0;
    const source = scripted([
      { positions: [1], then: 'end' },
      { positions: [2], then: 'stay' },
    ]);
    const flaky = (after: number): SubscriptionSource<Item> => {
      opens += 1;
      if (opens === 2) throw dropped();
      return source.open(after);
    };
    const delivered = await firstValueFrom(
      resumableSubscription(flaky, 0, policy()).pipe(take(2), toArray()),
    );
    expect(positionsOf(delivered)).toEqual([1, 2]);
    expect(source.starts).toEqual([0, 1]);
  });

  it('backs off while failing, and counts again from 1 once an event got through', async () => {
    const delays: number[] = [];
    const source = scripted([
      { positions: [], then: { fail: dropped() } },
      { positions: [], then: { fail: dropped() } },
      { positions: [5], then: { fail: dropped() } },
      { positions: [6], then: 'stay' },
    ]);
    await firstValueFrom(
      resumableSubscription(source.open, 0, policy(delays)).pipe(take(2), toArray()),
    );
    expect(delays).toEqual([1, 2, 1]);
  });

  it('fails with an error that resubscribing cannot cure, after what was delivered', async () => {
    const error = denied();
    const source = scripted([{ positions: [1, 2], then: { fail: error } }]);
    const seen: number[] = [];
    await expect(
      new Promise<void>((resolve, reject) =>
        resumableSubscription(source.open, 0, policy()).subscribe({
          next: (item) => seen.push(item.position),
          error: reject,
          complete: () => resolve(),
        }),
      ),
    ).rejects.toBe(error);
    expect(seen).toEqual([1, 2]);
    expect(source.starts).toEqual([0]);
  });

  it('stops the server subscription when the consumer unsubscribes, and opens no other', async () => {
    const source = scripted([{ positions: [1], then: 'stay' }]);
    await firstValueFrom(resumableSubscription(source.open, 0, policy()).pipe(take(1)));
    await new Promise((done) => setImmediate(done));
    expect(source.unsubscribedCount()).toBe(1);
    expect(source.starts).toEqual([0]);
  });
});
