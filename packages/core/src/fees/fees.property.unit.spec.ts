import Big from 'big.js';
import fc from 'fast-check';
import type { Command } from '../commands/command';
import type { ExecutionReport } from '../commands/executionReport';
import { decide } from '../decide';
import { floorToStep, sub } from '../decimal';
import { TERMINAL_EVENT_TYPES, type OrderEvent } from '../events/orderEvent';
import { feeOf } from '../fillModel/fee';
import type { FeeSchedule } from '../fillModel/feeSchedule';
import { workingExitQuantity } from '../rules/exposure';
import { isLong } from '../side';
import { evolve } from '../state/evolve';
import { isTerminal, type OrderState, type State } from '../state/orderState';
import {
  anAction,
  anEntry,
  anOrder,
  commandFor,
  type Action,
  type World,
} from '../testing/orderArbitraries.spec.helper';
import { inWorld } from '../testing/inWorld';
import { paperFills } from '../testing/paperFills';
import { feeValue } from './feeValue';

/**
 * SEMANTICS §9.1–§9.2 over random orders, long and short, with any fee schedule and the
 * exchange's fills drawn at random (partial, repeated, refused) or the paper exchange's (the
 * core's fill model, charging the schedule): every fill pays its fee as the fill model charges it.
 */

const cumulativeKnown = (s: OrderState, cid: string): number | null => {
  if (cid === s.spec.entryClientOrderId) return s.entryFilledQuantity;
  const level = s.takeProfits.find((l) => l.clientOrderId === cid);
  if (level !== undefined) return sub(level.filledQuantity, level.filledBeforeAttempt ?? 0);
  const exit = s.exits.find((x) => x.clientOrderId === cid);
  if (exit !== undefined) return exit.filledQuantity;
  return s.nativeStop?.orders.find((o) => o.clientOrderId === cid)?.filledQuantity ?? null;
};

/** The report with the fee the fill model charges for the lot it adds. */
const charged = (fees: FeeSchedule, s: State, c: Command): Command => {
  if (s === null || c.type !== 'ExecutionReport' || c.lastPrice === undefined) return c;
  const known = cumulativeKnown(s, c.clientOrderId);
  const cumulative = c.cumulativeQuantity;
  if (known === null || cumulative === undefined || cumulative <= known) return c;
  const entry = c.clientOrderId === s.spec.entryClientOrderId;
  const fee = feeOf(fees, {
    symbol: s.spec.symbol,
    side: entry === isLong(s.spec.side) ? 'BUY' : 'SELL',
    reduceOnly: !entry,
    liquidity: entry && s.spec.entry.type === 'LIMIT' ? 'MAKER' : 'TAKER',
    price: c.lastPrice,
    quantity: new Big(cumulative).minus(known).toNumber(),
  });
  return { ...c, fee } satisfies ExecutionReport;
};

const run = (
  order: Command & { type: 'CreateSmartOrder' },
  actions: readonly Action[],
  paper: boolean,
  fees: FeeSchedule,
): { state: State; events: OrderEvent[] }[] => {
  let state: State = null;
  const events: OrderEvent[] = [];
  const steps: { state: State; events: OrderEvent[] }[] = [];
  const decideOne = (command: Command): readonly OrderEvent[] => {
    const result = decide(command, state);
    if (result._tag === 'Left') return [];
    for (const e of result.right) {
      state = evolve(state, e);
      events.push(e);
    }
    steps.push({ state, events: [...events] });
    return result.right;
  };
  // The paper exchange's fills pay the fee its fill model charges; the reports drawn at random
  // are charged here as it would charge them.
  const answered = paper
    ? inWorld(paperFills({ fees }), () => state, decideOne)
    : (command: Command) => void decideOne(command);
  const submit = (raw: Command): void => answered(charged(fees, state, raw));
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

const scenario = fc.record({
  order: anOrder,
  actions: fc
    .tuple(anEntry, fc.array(anAction, { minLength: 1, maxLength: 60 }))
    .map(([entry, rest]) => [...entry, ...rest]),
  paper: fc.boolean(),
  fees: fc.record({
    makerBps: fc.integer({ min: 0, max: 100 }),
    takerBps: fc.integer({ min: 0, max: 100 }),
    asset: fc.constantFrom('RECEIVED' as const, 'QUOTE' as const),
  }),
});

const EXIT_FILLS = new Set(['TpFilled', 'StopLossFilled', 'FlattenFilled', 'NativeStopFilled']);
const FILLS = new Set([...EXIT_FILLS, 'EntryPartiallyFilled', 'EntryFilled']);

const exited = (events: readonly OrderEvent[]): Big =>
  events.reduce(
    (acc, e) =>
      EXIT_FILLS.has(e.type) ? acc.plus((e.data as { quantity: number }).quantity) : acc,
    new Big(0),
  );

const RUNS = { numRuns: 250 };

describe('fees and the net position (SEMANTICS §9.1–§9.2)', () => {
  it('never exits more than the net position: the net entry floored to the step', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper, fees }) => {
        for (const { state: s, events } of run(order, actions, paper, fees)) {
          if (s === null) continue;
          const sellable = floorToStep(s.entryNetQuantity, s.spec.market.stepSize);
          const out = exited(events);
          expect(out.lte(sellable)).toBe(true);
          expect(new Big(s.openQuantity).eq(new Big(sellable).minus(out))).toBe(true);
          const raced = events.some((e) => e.type === 'NativeStopFilled');
          if (!isTerminal(s) && !raced)
            expect(workingExitQuantity(s)).toBeLessThanOrEqual(s.openQuantity);
        }
      }),
      RUNS,
    );
  });

  it('settles gross, fees and net exactly: fees + net = gross, every fee and every exit counted', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper, fees }) => {
        const steps = run(order, actions, paper, fees);
        const last = steps[steps.length - 1];
        const terminal = last?.events.find((e) => TERMINAL_EVENT_TYPES.has(e.type));
        if (last === undefined || last.state === null || terminal === undefined) return;
        const s = last.state;
        const settled = terminal.data as {
          realisedPnl: { gross: number; fees: number; net: number };
          dust: number;
        };
        const { gross, fees: paid, net } = settled.realisedPnl;
        expect(new Big(paid).plus(net).eq(gross)).toBe(true);
        let expectedFees = new Big(0);
        for (const e of last.events) {
          if (!FILLS.has(e.type)) continue;
          const d = e.data as {
            price: number;
            quantity: number;
            fee?: { amount: number; asset: string };
          };
          if (d.fee !== undefined) {
            const v = feeValue(d.fee, s.spec.symbol, d.price);
            if ('valued' in v) expectedFees = expectedFees.plus(v.valued);
          }
        }
        expect(new Big(paid).eq(expectedFees)).toBe(true);
        // The entry's average can move after a lot was exited (a stop on a partial entry), so
        // gross is checked against the exits as folded, which is what the state counted.
        expect(new Big(gross).eq(s.realisedPnl)).toBe(true);
        const stepSize = s.spec.market.stepSize;
        expect(
          new Big(settled.dust).eq(
            new Big(s.entryNetQuantity).minus(floorToStep(s.entryNetQuantity, stepSize)),
          ),
        ).toBe(true);
      }),
      RUNS,
    );
  });
});
