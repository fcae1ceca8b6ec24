import fc from 'fast-check';
import type { Command } from '@smart-orders/core';
import { createPlanFeed, type DueItem } from './planFeed';

const cancel = (orderId: string, at: number | null): DueItem => ({
  at,
  command: { type: 'Cancel', orderId, ts: 0 } as Command,
});

describe('a live run hands each plan item to the engine once', () => {
  it('a tick that arrives while the batch is in flight gets only what came due since', () => {
    const feed = createPlanFeed([cancel('a', null), cancel('b', 100), cancel('c', 200)], 0);
    expect(feed.take(50).commands.map((c) => ('orderId' in c ? c.orderId : ''))).toEqual(['a']);
    // The first batch has not committed yet: the next ticks must not send 'a' again.
    expect(feed.take(60).commands).toEqual([]);
    const next = feed.take(150);
    expect(next.commands.map((c) => ('orderId' in c ? c.orderId : ''))).toEqual(['b']);
    expect(next.commands[0]?.ts).toBe(100);
    expect(next.reached).toBe(2);
  });

  it('resumes after the items a checkpoint says were committed', () => {
    const feed = createPlanFeed([cancel('a', null), cancel('b', 100)], 1);
    expect(feed.take(500).commands.map((c) => ('orderId' in c ? c.orderId : ''))).toEqual(['b']);
  });

  it('property: over any ticks, every item is handed out exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 1_000 }), { nil: null }), { maxLength: 20 }),
        fc.array(fc.integer({ min: 0, max: 1_200 }), { maxLength: 40 }),
        (ats, tickTimes) => {
          const due = ats
            .map((at, i) => cancel(`o${i}`, at))
            .sort((a, b) => (a.at ?? -Infinity) - (b.at ?? -Infinity));
          const feed = createPlanFeed(due, 0);
          const handed = [...tickTimes.sort((a, b) => a - b), 1_000]
            .flatMap((ts) => feed.take(ts).commands)
            .map((c) => ('orderId' in c ? c.orderId : ''));
          return (
            JSON.stringify(handed) ===
            JSON.stringify(due.map((d) => ('orderId' in d.command ? d.command.orderId : '')))
          );
        },
      ),
    );
  });
});
