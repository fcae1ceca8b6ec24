import { left, right } from 'fp-ts/Either';
import { conflict, type NewEvent } from '@smart-orders/engine';
import { planBatch } from './batchPlan';

const events = (count: number): NewEvent[] =>
  Array.from({ length: count }, () => ({ type: 'T', ts: 1, data: {} }));

describe('checking a whole batch before writing', () => {
  const before = new Map([
    ['smart-order-o-1', 2],
    ['smart-order-o-2', 0],
    ['account-default', 5],
  ]);

  it("gives every stream's version after the batch", () => {
    expect(
      planBatch(
        [
          { stream: 'smart-order-o-1', expectedVersion: 2, events: events(1) },
          { stream: 'smart-order-o-2', expectedVersion: 'no_stream', events: events(2) },
          { stream: 'account-default', expectedVersion: 'any', events: events(0) },
        ],
        before,
      ),
    ).toEqual(
      right(
        new Map([
          ['smart-order-o-1', 3],
          ['smart-order-o-2', 2],
          ['account-default', 5],
        ]),
      ),
    );
  });

  it('refuses the batch on the first stale expectation, with the actual version', () => {
    expect(
      planBatch(
        [
          { stream: 'smart-order-o-2', expectedVersion: 'no_stream', events: events(1) },
          { stream: 'smart-order-o-1', expectedVersion: 'no_stream', events: events(1) },
        ],
        before,
      ),
    ).toEqual(left(conflict('smart-order-o-1', 'no_stream', 2)));
  });

  it('checks a later append to the same stream against the earlier ones', () => {
    const twice = (second: number) =>
      planBatch(
        [
          { stream: 'smart-order-o-1', expectedVersion: 2, events: events(2) },
          { stream: 'smart-order-o-1', expectedVersion: second, events: events(1) },
        ],
        before,
      );
    expect(twice(4)).toEqual(right(new Map([['smart-order-o-1', 5]])));
    expect(twice(2)).toEqual(left(conflict('smart-order-o-1', 2, 4)));
  });
});
