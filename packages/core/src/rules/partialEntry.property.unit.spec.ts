import Big from 'big.js';
import fc from 'fast-check';
import type { Command } from '../commands/command';
import { decide } from '../decide';
import { add, floorToStep, sub, sum } from '../decimal';
import type { OrderEvent } from '../events/orderEvent';
import { evolve, fold } from '../state/evolve';
import type { State } from '../state/orderState';
import {
  anAction,
  anEntry,
  anOrder,
  commandFor,
  type Action,
  type World,
} from '../testing/orderArbitraries.spec.helper';
import { NO_FEES } from '../fillModel/feeSchedule';
import { inWorld } from '../testing/inWorld';
import { paperFills } from '../testing/paperFills';
import { workingExitQuantity } from './exposure';
import { nativeStopTarget } from './nativeStop';

/**
 * SEMANTICS §9.4 over random orders, long and short, single entries and ladders, whose entries
 * fill in many parts between ticks, exits, refusals and user commands, with paper fills or the
 * exchange's answers drawn at random; each part charged a fee in the base asset now and then.
 */

interface Step {
  readonly before: State;
  readonly after: State;
  readonly decided: readonly OrderEvent[];
  readonly events: readonly OrderEvent[];
}

/**
 * A base-asset fee of 10 bps on a long's entry part, on every other report, as a spot venue
 * without BNB takes it (a short's entry pays in the quote asset, §9.4).
 */
const withFee = (c: Command, s: State, i: number): Command => {
  if (s === null || c.type !== 'ExecutionReport' || i % 2 === 1 || s.spec.side !== 'BUY') return c;
  const entry =
    c.clientOrderId === s.spec.entryClientOrderId ||
    (s.entryLevels?.some((l) => l.clientOrderId === c.clientOrderId) ?? false);
  const known =
    s.entryLevels?.find((l) => l.clientOrderId === c.clientOrderId)?.filledQuantity ??
    s.entryFilledQuantity;
  const lot = sub(c.cumulativeQuantity ?? 0, known);
  if (!entry || lot <= 0) return c;
  return { ...c, fee: { amount: new Big(lot).times(0.001).toNumber(), asset: 'BTC' } };
};

const run = (
  order: Command & { type: 'CreateSmartOrder' },
  actions: readonly Action[],
  paper: boolean,
): Step[] => {
  let state: State = null;
  const events: OrderEvent[] = [];
  const steps: Step[] = [];
  let n = 0;
  const decideOne = (raw: Command): readonly OrderEvent[] => {
    const before = state;
    const result = decide(withFee(raw, state, n++), state);
    if (result._tag === 'Left') return [];
    for (const e of result.right) {
      state = evolve(state, e);
      events.push(e);
    }
    steps.push({ before, after: state, decided: result.right, events: [...events] });
    return result.right;
  };
  // The paper exchange's fills carry no fee of their own here: withFee charges every entry part.
  const submit = paper
    ? inWorld(paperFills({ fees: NO_FEES }), () => state, decideOne)
    : (command: Command) => void decideOne(command);
  submit(order);
  const entry = order.entry?.type === 'LIMIT' ? order.entry.price : (order.referencePrice ?? 100);
  let world: World = { lastCents: Math.round(entry * 100), lastReport: null };
  actions.forEach((action, i) => {
    const next = commandFor(action, state, world);
    world = next.world;
    if (next.command !== null) submit({ ...next.command, ts: 10 + i } as Command);
  });
  return steps;
};

/** Entries in many small parts, interleaved with everything else. */
const aPart = fc.record({
  kind: fc.constant('entryFill' as const),
  fraction: fc.constantFrom(0.1, 0.25, 0.5),
});
const scenario = fc.record({
  order: anOrder,
  actions: fc
    .tuple(
      anEntry,
      fc.array(fc.oneof({ weight: 3, arbitrary: anAction }, { weight: 1, arbitrary: aPart }), {
        minLength: 1,
        maxLength: 60,
      }),
    )
    .map(([entry, rest]) => [...entry, ...rest]),
  paper: fc.boolean(),
});

const RUNS = { numRuns: 250 };

const EXIT_FILLS = new Set(['TpFilled', 'StopLossFilled', 'FlattenFilled', 'NativeStopFilled']);

describe('an entry in parts (SEMANTICS §9.4), properties', () => {
  it('every part is one EntryFilled of exactly the lot it adds, and the parts never sum past the entry quantity', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { before, after, decided } of run(order, actions, paper)) {
          if (after === null) continue;
          expect(decided.some((e) => e.type === 'EntryPartiallyFilled')).toBe(false);
          let known = before?.entryFilledQuantity ?? 0;
          for (const e of decided) {
            if (e.type !== 'EntryFilled') continue;
            const total = e.data.filledQuantity ?? e.data.quantity;
            expect(e.data.quantity).toBe(sub(total, known));
            known = total;
          }
          expect(after.entryFilledQuantity).toBeLessThanOrEqual(after.spec.quantity);
          for (const l of after.entryLevels ?? [])
            expect(l.filledQuantity).toBeLessThanOrEqual(l.quantity);
        }
      }),
      RUNS,
    );
  });

  it('before the first take-profit fill, the take-profits sum to the net entry floored to the step; never more', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { after } of run(order, actions, paper)) {
          if (after === null || after.entryFilledQuantity === 0 || after.anyTpFilled) continue;
          const net = floorToStep(after.entryNetQuantity, after.spec.market.stepSize);
          const split = sum(after.takeProfits.map((l) => l.quantity));
          expect(split).toBeLessThanOrEqual(net);
          // A level sent to the exchange keeps its quantity: only then may the split fall short.
          if (after.takeProfits.every((l) => l.attempts === 0)) expect(split).toBe(net);
        }
      }),
      RUNS,
    );
  });

  it('no exit exceeds the net position: what is exited and what is working stay within it', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { after, events } of run(order, actions, paper)) {
          if (after === null) continue;
          const net = floorToStep(after.entryNetQuantity, after.spec.market.stepSize);
          const exited = sum(
            events.flatMap((e) =>
              EXIT_FILLS.has(e.type) ? [(e.data as { quantity: number }).quantity] : [],
            ),
          );
          expect(exited).toBeLessThanOrEqual(net);
          expect(after.openQuantity).toBe(sub(net, exited));
          if (!events.some((e) => e.type === 'NativeStopFilled'))
            expect(workingExitQuantity(after)).toBeLessThanOrEqual(after.openQuantity);
        }
      }),
      RUNS,
    );
  });

  it('a native stop rests for the open position and what the working entry may still add, from the first part on', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { after } of run(order, actions, paper)) {
          if (after === null) continue;
          const target = nativeStopTarget(after);
          const current = after.nativeStop?.orders.find(
            (o) => o.clientOrderId === after.nativeStop?.current,
          );
          if (target === null || current === undefined) continue;
          expect(current.quantity).toBe(target.quantity);
          expect(target.quantity).toBeGreaterThanOrEqual(after.openQuantity);
          if (after.entryWorking && after.entryLevels === null)
            expect(target.quantity).toBe(
              add(after.openQuantity, sub(after.spec.quantity, after.entryFilledQuantity)),
            );
        }
      }),
      RUNS,
    );
  });

  it('the state after each step is the fold of the events so far', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { after, events } of run(order, actions, paper))
          expect(fold(events)).toEqual(after);
      }),
      RUNS,
    );
  });
});
