import fc from 'fast-check';
import type { Command } from '../commands/command';
import type { CreateSmartOrder } from '../commands/createSmartOrder';
import { add, floorToStep, mul, sub } from '../decimal';
import type { OrderState, State } from '../state/orderState';
import type { Side } from '../side';

/**
 * Random valid smart orders and random things that happen to them, for the property specs.
 * Prices are whole cents and quantities whole steps, so every number is an exact decimal on
 * the market's grid, as the exchange would send it.
 */
export const TICK = 0.01;
export const STEP = 0.001;
const cents = (c: number): number => Math.round(c) / 100;

const sizePcts = (levels: number): fc.Arbitrary<number[]> =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: levels - 1, maxLength: levels - 1 })
    .map((cuts) => {
      const bounds = [0, ...[...cuts].sort((a, b) => a - b), 100];
      return bounds.slice(1).map((b, i) => b - (bounds[i] as number));
    });

export const anOrder: fc.Arbitrary<CreateSmartOrder> = fc
  .record({
    side: fc.constantFrom<Side>('BUY', 'SELL'),
    entryCents: fc.integer({ min: 5_000, max: 20_000 }),
    quantitySteps: fc.integer({ min: 100, max: 5_000 }),
    levels: fc.integer({ min: 1, max: 4 }),
    gapsCents: fc.array(fc.integer({ min: 1, max: 800 }), { minLength: 4, maxLength: 4 }),
    stopCents: fc.option(fc.integer({ min: 1, max: 1_500 })),
    trailingPermille: fc.option(fc.integer({ min: 1, max: 150 })),
    activationCents: fc.option(fc.integer({ min: 0, max: 800 })),
    breakEven: fc.boolean(),
    nativeStop: fc.option(
      fc.record({
        permille: fc.integer({ min: 1, max: 50 }),
        mode: fc.constantFrom('AMEND' as const, 'REPLACE' as const),
      }),
    ),
    bidAsk: fc.boolean(),
    market: fc.boolean(),
    // SEMANTICS §8.1, §8.2, §8.5: offset levels and stop, trailing levels, a stop ladder.
    offsets: fc.boolean(),
    offsetStop: fc.boolean(),
    levelTrails: fc.array(fc.option(fc.integer({ min: 1, max: 50 })), {
      minLength: 4,
      maxLength: 4,
    }),
    ladder: fc.option(fc.constantFrom(1 as const, 2 as const)),
    // SEMANTICS §8.3: now and then a trailing entry (with an activation price or not) instead.
    trailingEntry: fc.option(
      fc.record({
        permille: fc.integer({ min: 1, max: 80 }),
        activated: fc.boolean(),
      }),
      { freq: 4 },
    ),
    // SEMANTICS §8.4: now and then an entry ladder, a MARKET level or not, then limits.
    entryLadder: fc.option(
      fc.record({
        market: fc.boolean(),
        gapsCents: fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 3 }),
      }),
      { freq: 4 },
    ),
    // SEMANTICS §8.6: deadlines short enough to pass within a scenario's actions.
    entryTimeoutMs: fc.option(fc.integer({ min: 1, max: 40 }), { freq: 3 }),
    positionTimeLimitMs: fc.option(fc.integer({ min: 1, max: 60 }), { freq: 3 }),
  })
  .chain((o) => sizePcts(o.levels).map((pcts) => ({ ...o, pcts })))
  .map((o): CreateSmartOrder => {
    const dir = o.side === 'BUY' ? 1 : -1;
    let level = o.entryCents;
    let offset = 0;
    const takeProfits = o.pcts.map((sizePct, i) => {
      level += dir * (o.gapsCents[i] as number);
      offset += o.gapsCents[i] as number;
      const trail = o.levelTrails[i];
      return {
        ...(o.offsets ? { offsetPct: offset / 100 } : { price: cents(level) }),
        sizePct,
        ...(trail === null || trail === undefined
          ? {}
          : { trailing: { callbackRate: trail / 1000 } }),
      };
    });
    return {
      type: 'CreateSmartOrder',
      orderId: 'p-1',
      ts: 1,
      exchange: 'paper',
      symbol: 'BTC/USDT',
      side: o.side,
      quantity: mul(o.quantitySteps, STEP),
      ...(o.entryLadder !== null
        ? { entries: ladderOf(o.entryLadder, o.entryCents, dir) }
        : {
            entry:
              o.trailingEntry !== null
                ? {
                    type: 'TRAILING',
                    callbackRate: o.trailingEntry.permille / 1000,
                    ...(o.trailingEntry.activated ? { activationPrice: cents(o.entryCents) } : {}),
                  }
                : o.market
                  ? { type: 'MARKET' }
                  : { type: 'LIMIT', price: cents(o.entryCents) },
          }),
      ...(o.market || o.trailingEntry !== null || o.entryLadder !== null
        ? { referencePrice: cents(o.entryCents) }
        : {}),
      ...(o.entryTimeoutMs === null && o.positionTimeLimitMs === null
        ? {}
        : {
            timeLimits: {
              ...(o.entryTimeoutMs === null ? {} : { entryTimeoutMs: o.entryTimeoutMs }),
              ...(o.positionTimeLimitMs === null
                ? {}
                : { positionTimeLimitMs: o.positionTimeLimitMs }),
            },
          }),
      takeProfits,
      ...(o.stopCents === null
        ? {}
        : {
            stopLoss: {
              ...(o.offsetStop
                ? { offsetPct: o.stopCents / 100 }
                : { price: cents(o.entryCents - dir * o.stopCents) }),
              ...(o.ladder === null ? {} : { ladder: o.ladder }),
            },
          }),
      ...(o.trailingPermille === null
        ? {}
        : {
            trailing: {
              callbackRate: o.trailingPermille / 1000,
              ...(o.activationCents === null
                ? {}
                : { activationPrice: cents(o.entryCents + dir * o.activationCents) }),
            },
          }),
      breakEven: o.breakEven,
      ...(o.nativeStop === null || (o.stopCents === null && o.trailingPermille === null)
        ? {}
        : { nativeStop: { offsetRate: o.nativeStop.permille / 1000, mode: o.nativeStop.mode } }),
      market: { tickSize: TICK, stepSize: STEP },
      triggerSource: o.bidAsk ? 'BID_ASK' : 'LAST',
    };
  });

/** Ladder levels a few cents apart, their sizes split evenly (the last takes the rest). */
const ladderOf = (
  l: { readonly market: boolean; readonly gapsCents: readonly number[] },
  entryCents: number,
  dir: number,
): NonNullable<CreateSmartOrder['entries']> => {
  let at = entryCents;
  const limits = l.gapsCents.map((gap) => {
    at -= dir * gap;
    return cents(at);
  });
  const n = limits.length + (l.market ? 1 : 0);
  const each = Math.floor(100 / n);
  const size = (i: number): number => (i === n - 1 ? 100 - each * (n - 1) : each);
  return [
    ...(l.market ? [{ type: 'MARKET' as const, sizePct: size(0) }] : []),
    ...limits.map((price, i) => ({ price, sizePct: size(i + (l.market ? 1 : 0)) })),
  ];
};

/** Something that happens to an order; turned into a command against the state it meets. */
export type Action =
  | {
      readonly kind: 'tick';
      readonly deltaCents: number;
      readonly spreadCents: number;
      readonly priceless: boolean;
    }
  | { readonly kind: 'sweep' }
  | { readonly kind: 'entryFill'; readonly fraction: number }
  | { readonly kind: 'entryGone'; readonly execType: 'CANCELED' | 'EXPIRED' | 'REJECTED' }
  | {
      readonly kind: 'exitReport';
      readonly pick: number;
      readonly execType: 'TRADE' | 'CANCELED' | 'EXPIRED' | 'REJECTED' | 'NEW';
      readonly fraction: number;
    }
  | { readonly kind: 'repeatReport' }
  | { readonly kind: 'modifyStop'; readonly offsetCents: number }
  | { readonly kind: 'modifyTrailing'; readonly permille: number }
  | { readonly kind: 'toggleBreakEven'; readonly enabled: boolean }
  | { readonly kind: 'cancel'; readonly flatten: boolean; readonly priced: boolean }
  | { readonly kind: 'timer'; readonly priced: boolean };

const fraction = fc.constantFrom(0.25, 0.5, 1, 1, 1);

/** How the entry goes first: usually filled (in parts now and then), sometimes not at all. */
const entryFill = (f: fc.Arbitrary<number>) =>
  fc.record({ kind: fc.constant('entryFill' as const), fraction: f });
export const anEntry: fc.Arbitrary<Action[]> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .array(entryFill(fc.constantFrom(0.25, 0.5)), { maxLength: 2 })
      .chain((parts) => entryFill(fc.constant(1)).map((last) => [...parts, last])),
  },
  { weight: 1, arbitrary: fc.array(entryFill(fraction), { maxLength: 2 }) },
);

/**
 * What happens after creation: mostly ticks and the exchange's answers, now and then a user
 * command; a cancel is rare enough that most orders live to an exit of their own.
 */
export const anAction: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 60,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      deltaCents: fc.integer({ min: -600, max: 600 }),
      spreadCents: fc.integer({ min: 0, max: 20 }),
      priceless: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'sweep' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('entryFill' as const), fraction }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('entryGone' as const),
      execType: fc.constantFrom('CANCELED' as const, 'EXPIRED' as const, 'REJECTED' as const),
    }),
  },
  {
    weight: 25,
    arbitrary: fc.record({
      kind: fc.constant('exitReport' as const),
      pick: fc.nat(),
      execType: fc.constantFrom(
        'TRADE' as const,
        'TRADE' as const,
        'CANCELED' as const,
        'EXPIRED' as const,
        'REJECTED' as const,
        'NEW' as const,
      ),
      fraction,
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'repeatReport' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('modifyStop' as const),
      offsetCents: fc.integer({ min: -300, max: 1_000 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('modifyTrailing' as const),
      permille: fc.integer({ min: 1, max: 150 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('toggleBreakEven' as const), enabled: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('timer' as const), priced: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('cancel' as const),
      flatten: fc.boolean(),
      priced: fc.boolean(),
    }),
  },
);

/** What the interpreter remembers between actions: the market and the last report sent. */
export interface World {
  readonly lastCents: number;
  readonly lastReport: Command | null;
}

const portion = (remaining: number, f: number): number => {
  const q = floorToStep(mul(remaining, f), STEP);
  return q > 0 ? q : remaining;
};

interface WorkingExit {
  readonly clientOrderId: string;
  readonly quantity: number;
  readonly filledQuantity: number;
}

const workingExits = (s: OrderState): WorkingExit[] => [
  ...s.takeProfits.flatMap((l) =>
    // The level's current exit order: its own quantity and fills (after a dropped attempt).
    l.working && l.clientOrderId !== null
      ? [
          {
            clientOrderId: l.clientOrderId,
            quantity: sub(l.quantity, l.filledBeforeAttempt ?? 0),
            filledQuantity: sub(l.filledQuantity, l.filledBeforeAttempt ?? 0),
          },
        ]
      : [],
  ),
  ...s.exits,
  ...(s.nativeStop?.orders ?? []),
];

/** The command an action stands for in this state, or null when it has nothing to act on. */
export const commandFor = (
  a: Action,
  state: State,
  world: World,
): { command: Command | null; world: World } => {
  const price = cents(world.lastCents);
  const none = { command: null, world };
  if (state === null) return none;
  const { orderId, side } = state.spec;
  const report = (command: Command) => ({ command, world: { ...world, lastReport: command } });
  switch (a.kind) {
    case 'tick': {
      const lastCents = Math.max(1, world.lastCents + a.deltaCents);
      const p = cents(lastCents);
      const half = a.spreadCents / 200;
      const book =
        a.spreadCents === 0 ? {} : { bid: Math.max(0.01, sub(p, half)), ask: add(p, half) };
      const tick: Command =
        a.priceless && a.spreadCents > 0
          ? { type: 'Tick', symbol: 'BTC/USDT', ts: 0, ...book }
          : { type: 'Tick', symbol: 'BTC/USDT', ts: 0, price: p, ...book };
      return { command: tick, world: { ...world, lastCents } };
    }
    case 'sweep': {
      // The price runs through every take-profit in one tick: an entry ladder's levels still
      // resting or cancelling then may fill after the last take-profit (the race of §8.4).
      const prices = state.takeProfits.flatMap((l) => (l.price === null ? [] : [l.price]));
      if (prices.length === 0) return none;
      const beyond = side === 'BUY' ? Math.max(...prices) + 0.01 : Math.min(...prices) - 0.01;
      const lastCents = Math.max(1, Math.round(beyond * 100));
      const tick: Command = { type: 'Tick', symbol: 'BTC/USDT', ts: 0, price: cents(lastCents) };
      return { command: tick, world: { ...world, lastCents } };
    }
    case 'entryFill': {
      // A trailing entry is on the exchange only once its trigger sent it.
      if (state.entryTrail !== null && !state.entryTrail.triggered) return none;
      if (state.entryLevels !== null) {
        // The venue fills a ladder's level that still rests on it, its cancel in flight or not:
        // a fill may race the cancel at the first take-profit, at the stop or on a cancel (§8.4).
        const level = state.entryLevels.find((l) => l.working);
        if (level === undefined) return none;
        return report({
          type: 'ExecutionReport',
          orderId,
          ts: 0,
          clientOrderId: level.clientOrderId,
          execType: 'TRADE',
          lastPrice: level.price ?? price,
          cumulativeQuantity: add(
            level.filledQuantity,
            portion(sub(level.quantity, level.filledQuantity), a.fraction),
          ),
        });
      }
      const remaining = sub(state.spec.quantity, state.entryFilledQuantity);
      if (remaining <= 0) return none;
      const fillPrice = state.spec.entry.type === 'LIMIT' ? state.spec.entry.price : price;
      const cumulative = add(state.entryFilledQuantity, portion(remaining, a.fraction));
      return report({
        type: 'ExecutionReport',
        orderId,
        ts: 0,
        clientOrderId: state.spec.entryClientOrderId,
        execType: 'TRADE',
        lastPrice: fillPrice,
        cumulativeQuantity: cumulative,
      });
    }
    case 'entryGone': {
      if (state.entryTrail !== null && !state.entryTrail.triggered) return none;
      const level = state.entryLevels?.find((l) => l.working);
      if (state.entryLevels !== null) {
        if (level === undefined) return none;
        return report({
          type: 'ExecutionReport',
          orderId,
          ts: 0,
          clientOrderId: level.clientOrderId,
          execType: a.execType,
          cumulativeQuantity: level.filledQuantity,
        });
      }
      return report({
        type: 'ExecutionReport',
        orderId,
        ts: 0,
        clientOrderId: state.spec.entryClientOrderId,
        execType: a.execType,
        cumulativeQuantity: state.entryFilledQuantity,
      });
    }
    case 'exitReport': {
      const exits = workingExits(state);
      const exit = exits[a.pick % Math.max(1, exits.length)];
      if (exit === undefined) return none;
      // A native stop is reduce-only where a venue keeps one (it covers what the working entry
      // may still add): it never fills past the open position.
      const native = state.nativeStop?.orders.some((o) => o.clientOrderId === exit.clientOrderId);
      const unfilled = sub(exit.quantity, exit.filledQuantity);
      const remaining = native === true ? Math.min(unfilled, state.openQuantity) : unfilled;
      const filled =
        a.execType === 'TRADE'
          ? add(exit.filledQuantity, portion(remaining, a.fraction))
          : exit.filledQuantity;
      return report({
        type: 'ExecutionReport',
        orderId,
        ts: 0,
        clientOrderId: exit.clientOrderId,
        execType: a.execType,
        lastPrice: price,
        cumulativeQuantity: filled,
      });
    }
    case 'repeatReport':
      return { command: world.lastReport, world };
    case 'modifyStop': {
      const dir = side === 'BUY' ? -1 : 1;
      return {
        command: {
          type: 'ModifyStopLoss',
          orderId,
          ts: 0,
          price: cents(Math.max(1, world.lastCents + dir * a.offsetCents)),
          lastPrice: price,
        },
        world,
      };
    }
    case 'modifyTrailing':
      return {
        command: {
          type: 'ModifyTrailing',
          orderId,
          ts: 0,
          callbackRate: a.permille / 1000,
          lastPrice: price,
        },
        world,
      };
    case 'toggleBreakEven':
      return { command: { type: 'ToggleBreakEven', orderId, ts: 0, enabled: a.enabled }, world };
    case 'timer':
      return {
        command: { type: 'Timer', ts: 0, ...(a.priced ? { lastPrice: price } : {}) },
        world,
      };
    case 'cancel':
      return {
        command: {
          type: 'Cancel',
          orderId,
          ts: 0,
          flatten: a.flatten,
          ...(a.priced ? { lastPrice: price } : {}),
        },
        world,
      };
  }
};
