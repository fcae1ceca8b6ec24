import { requiredVersions } from './requiredVersions';
import { planBatch } from './planBatch';
import { isRight } from 'fp-ts/Either';
import type { AppendToStream, ExpectedVersion } from '@smart-orders/engine';
import fc from 'fast-check';

const events = (n: number) => Array.from({ length: n }, () => ({ type: 'T', ts: 1, data: {} }));

describe('requiredVersions', () => {
  it('requires one version per stream, counting the events of earlier appends to it', () => {
    expect(
      requiredVersions([
        { stream: 'a', expectedVersion: 3, events: events(2) },
        { stream: 'b', expectedVersion: 'any', events: events(1) },
        { stream: 'a', expectedVersion: 5, events: events(1) },
        { stream: 'c', expectedVersion: 'no_stream', events: events(1) },
      ]),
    ).toEqual({ streams: ['a', 'b', 'c'], counts: [3, 1, 1], required: [3, null, 0] });
  });

  it('requires an unreachable version of a stream whose appends contradict each other', () => {
    const { required } = requiredVersions([
      { stream: 'a', expectedVersion: 'no_stream', events: events(1) },
      { stream: 'a', expectedVersion: 'no_stream', events: events(1) },
      { stream: 'b', expectedVersion: 1, events: events(1) },
      { stream: 'b', expectedVersion: 1, events: events(1) },
    ]);
    expect(required).toEqual([-1, -1]);
  });

  it('accepts a stream at some version exactly when the sequential check of planBatch does', () => {
    const expected: fc.Arbitrary<ExpectedVersion> = fc.oneof(
      fc.constant('any' as const),
      fc.constant('no_stream' as const),
      fc.integer({ min: 0, max: 6 }),
    );
    const append: fc.Arbitrary<AppendToStream> = fc.record({
      stream: fc.constantFrom('a', 'b'),
      expectedVersion: expected,
      events: fc.integer({ min: 0, max: 2 }).map(events),
    });
    fc.assert(
      fc.property(
        fc.array(append, { maxLength: 5 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (appends, a, b) => {
          const actual = new Map([
            ['a', a],
            ['b', b],
          ]);
          const { streams, required } = requiredVersions(appends);
          const accepted = streams.every(
            (s, i) => required[i] === null || required[i] === actual.get(s),
          );
          expect(accepted).toBe(isRight(planBatch(appends, actual)));
        },
      ),
    );
  });
});
