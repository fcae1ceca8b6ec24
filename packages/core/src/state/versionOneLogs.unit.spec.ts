import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRight } from 'fp-ts/Either';
import { clientOrderId, PURPOSE } from '../clientOrderId';
import { event, OrderEventCodec, type OrderEvent } from '../events/orderEvent';
import { entryCid, exchangeOnly, report, trade } from '../testing/fixtures.spec.helper';
import { fold } from './evolve';
import type { OrderState, State } from './orderState';

/**
 * Event stores hold logs that version 1 wrote: the parts of an entry before the last as
 * `EntryPartiallyFilled`, and one `EntryFilled` with the totals when the entry (or a ladder's
 * level) was done. Each log below was recorded with the version 1 decider, with the state its
 * fold gave after every event (`versionOneLogs.json`, each state without its `spec`, the
 * created command, which every step repeats); today's fold must give the same.
 */
interface Recorded {
  readonly name: string;
  readonly events: unknown[];
  readonly states: Omit<OrderState, 'spec'>[];
}

const withoutSpec = (s: State): Omit<OrderState, 'spec'> | null => {
  if (s === null) return null;
  const { spec: _spec, ...rest } = s;
  return rest;
};

const recorded = JSON.parse(
  readFileSync(join(__dirname, 'versionOneLogs.json'), 'utf8'),
) as Recorded[];

const decoded = (events: unknown[]): OrderEvent[] =>
  events.map((e) => {
    const d = OrderEventCodec.decode(e);
    if (!isRight(d)) throw new Error(`a recorded event does not decode: ${JSON.stringify(e)}`);
    return d.right;
  });

describe('logs written by version 1 (EntryPartiallyFilled)', () => {
  it('were recorded with partial entries in them', () => {
    expect(recorded.length).toBeGreaterThanOrEqual(5);
    for (const log of recorded)
      expect(log.events.some((e) => (e as OrderEvent).type === 'EntryPartiallyFilled')).toBe(true);
  });

  it.each(recorded.map((r) => [r.name, r] as const))(
    '%s: fold to the state version 1 folded them to, after every event',
    (_name, log) => {
      const events = decoded(log.events);
      events.forEach((_, i) => {
        expect({ after: i, state: withoutSpec(fold(events.slice(0, i + 1))) }).toEqual({
          after: i,
          state: log.states[i],
        });
      });
    },
  );

  it('go on under version 2: the next part of a version 1 partial entry is an EntryFilled with the totals, and makes the order ACTIVE', () => {
    const log = recorded.find((r) => r.name.startsWith('one entry filled in three parts'));
    const parts = decoded(log?.events ?? []).slice(0, 3);
    expect(parts.map((e) => e.type)).toEqual([
      'SmartOrderCreated',
      'EntryPartiallyFilled',
      'EntryPartiallyFilled',
    ]);
    const state = exchangeOnly
      .given(parts)
      .when({ ...trade(entryCid, 102, 1, 4, 0.5), fee: { amount: 0.0005, asset: 'BTC' } })
      .then([
        event('EntryFilled', 4, {
          price: 102,
          quantity: 0.5,
          takeProfitQuantities: [0.399, 0.349, 0.251],
          clientOrderId: entryCid,
          averagePrice: 101.2,
          filledQuantity: 1,
          fee: { amount: 0.0005, asset: 'BTC' },
          netQuantity: 0.999,
        }),
        event('TrailingArmed', 4, { mark: 101.2, stopPrice: 99.18 }),
      ]);
    expect(state).toMatchObject({ status: 'ACTIVE', entryWorking: false, openQuantity: 0.999 });
  });

  it.each([
    ['one entry cut short', report(entryCid, 'CANCELED', { ts: 3, cumulativeQuantity: 0.5 })],
    [
      'a PENDING ladder',
      report(clientOrderId('o-1', PURPOSE.entry, 3, 1), 'CANCELED', {
        ts: 4,
        cumulativeQuantity: 0,
      }),
    ],
  ] as const)(
    'go on under version 2: %s by the venue after a part is completed as version 1 did',
    (name, cut) => {
      const log = recorded.find((r) => r.name.startsWith(name));
      const events = decoded(log?.events ?? []);
      const before = events.filter((e) => e.ts < cut.ts);
      const decided = events.filter((e) => e.ts === cut.ts);
      expect(decided.map((e) => e.type)).toContain('EntryFilled');
      const state = exchangeOnly.given(before).when(cut).then(decided);
      expect(withoutSpec(state)).toEqual(log?.states[before.length + decided.length - 1]);
    },
  );
});
