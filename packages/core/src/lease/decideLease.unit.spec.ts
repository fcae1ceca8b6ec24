import { isLeft, isRight, type Either } from 'fp-ts/Either';
import { decideLease, type LeaseCommand, type LeaseError } from './decideLease';
import type { LeaseEvent } from './leaseEvent';
import {
  evolveLease,
  foldLease,
  initialLeaseState,
  leaseStatus,
  type LeaseState,
} from './leaseState';

const T = 1_700_000_000_000;
const MS = 10_000;

const events = (result: Either<LeaseError, LeaseEvent[]>): LeaseEvent[] => {
  if (isLeft(result))
    throw new Error(`expected events, got ${result.left.code}: ${result.left.message}`);
  return result.right;
};
const refusal = (result: Either<LeaseError, LeaseEvent[]>): LeaseError => {
  if (isRight(result)) throw new Error('expected a refusal');
  return result.left;
};
const run = (state: LeaseState, command: LeaseCommand): LeaseState =>
  events(decideLease(command, state)).reduce(evolveLease, state);

const take = (engineId: string, now: number): LeaseCommand => ({
  type: 'TakeLease',
  engineId,
  now,
  durationMs: MS,
});
const renew = (engineId: string, epoch: number, now: number): LeaseCommand => ({
  type: 'RenewLease',
  engineId,
  epoch,
  now,
  durationMs: MS,
});

describe('the lease of a partition', () => {
  it('a free lease is taken at once at epoch 1, until now + duration', () => {
    expect(events(decideLease(take('a', T), initialLeaseState))).toEqual([
      { type: 'EngineLeaseTaken', ts: T, data: { engineId: 'a', epoch: 1, until: T + MS } },
    ]);
  });

  it('a held lease is refused to another engine, saying who holds it and until when', () => {
    const held = run(initialLeaseState, take('a', T));
    const error = refusal(decideLease(take('b', T + MS - 1), held));
    expect(error).toMatchObject({ code: 'LEASE_HELD', holder: 'a', epoch: 1, until: T + MS });
    expect(error.message).toContain('held by a (epoch 1)');
  });

  it('an expired lease is taken over with the next epoch, exactly at its end', () => {
    const held = run(initialLeaseState, take('a', T));
    expect(leaseStatus(held, T + MS - 1)).toBe('HELD');
    expect(leaseStatus(held, T + MS)).toBe('EXPIRED');
    expect(events(decideLease(take('b', T + MS), held))[0]?.data).toEqual({
      engineId: 'b',
      epoch: 2,
      until: T + 2 * MS,
    });
  });

  it('renewal by the holder before expiry extends it and keeps the epoch', () => {
    const held = run(initialLeaseState, take('a', T));
    const renewed = run(held, renew('a', 1, T + 5_000));
    expect(renewed).toEqual({ holder: 'a', epoch: 1, until: T + 15_000 });
  });

  it('renewal after expiry is refused even when nobody took it: the owner must step down', () => {
    const held = run(initialLeaseState, take('a', T));
    expect(refusal(decideLease(renew('a', 1, T + MS), held))).toMatchObject({
      code: 'LEASE_LOST',
      holder: 'a',
    });
  });

  it('renewal at an older epoch, or by another engine, is refused: the lease was lost', () => {
    const taken = run(run(initialLeaseState, take('a', T)), take('b', T + MS));
    const error = refusal(decideLease(renew('a', 1, T + MS + 1), taken));
    expect(error).toMatchObject({ code: 'LEASE_LOST', holder: 'b', epoch: 2 });
    expect(error.message).toContain('b holds it at epoch 2');
  });

  it('release frees the lease at once; the next taker gets a higher epoch; a second release is a no-op', () => {
    const held = run(initialLeaseState, take('a', T));
    const released = run(held, { type: 'ReleaseLease', engineId: 'a', epoch: 1, now: T + 1 });
    expect(leaseStatus(released, T + 1)).toBe('FREE');
    expect(
      events(decideLease({ type: 'ReleaseLease', engineId: 'a', epoch: 1, now: T + 2 }, released)),
    ).toEqual([]);
    expect(run(released, take('b', T + 2)).epoch).toBe(2);
  });

  it('the same engine taking its own lease again gets a new epoch (a restart fences its old self)', () => {
    const held = run(initialLeaseState, take('a', T));
    expect(run(held, take('a', T + 1)).epoch).toBe(2);
  });

  it('refuses a duration that is not a whole number of milliseconds above 0, naming the field', () => {
    for (const durationMs of [0, -1, 1.5, Number.NaN]) {
      const error = refusal(
        decideLease({ type: 'TakeLease', engineId: 'a', now: T, durationMs }, initialLeaseState),
      );
      expect(error.code).toBe('INVALID_LEASE_DURATION');
      expect(error.message).toContain('durationMs');
    }
  });

  it('folds a stream back to the same state', () => {
    const stream = [...events(decideLease(take('a', T), initialLeaseState))];
    expect(foldLease(stream)).toEqual({ holder: 'a', epoch: 1, until: T + MS });
  });
});
