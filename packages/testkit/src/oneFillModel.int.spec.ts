import fc from 'fast-check';
import {
  DEFAULT_FILL_MODEL,
  NO_FEES,
  type Command,
  type CreateSmartOrder,
  type FillModelConfig,
  type Tick,
} from '@smart-orders/core';
import { given } from './givenWhenThen';
import { replay } from './replay';

/**
 * One paper fill model (SEMANTICS §9.4): the same order and ticks through the given / when /
 * then paper fills and through the paper exchange under the engine (`replay()`, the engine on
 * the in-memory store) record the same order events, type, time and data, in the same order.
 */
const SYMBOL = 'ETH/USDT';
const ORDER = 'one-1';

interface Case {
  readonly create: CreateSmartOrder;
  /** Ticks, and the user's commands between them (never at a tick's time). */
  readonly steps: readonly (Tick | Command)[];
  readonly fills: Partial<FillModelConfig>;
}

const recorded = (events: readonly { type: string; ts: number; data: unknown }[]) =>
  events.map(({ type, ts, data }) => ({ type, ts, data }));

const viaGivenWhenThen = (c: Case) => {
  const decided = given([], { paperFills: true, fills: c.fills }).when(c.create, ...c.steps);
  if (decided.result._tag === 'Left') throw new Error(decided.result.left.error.message);
  return recorded(decided.result.right.events);
};

const viaPaperExchange = async (c: Case) => {
  const ticks = c.steps.filter((s): s is Tick => s.type === 'Tick');
  const commands = c.steps.filter(
    (s): s is Extract<Command, { type: 'Cancel' }> => s.type === 'Cancel',
  );
  const { events, rejections } = await replay({
    ticks,
    plan: {
      orders: [{ at: c.create.ts, command: c.create }],
      commands: commands.map((command) => ({ at: command.ts, command })),
    },
    fills: c.fills,
  });
  expect(rejections).toEqual([]);
  return recorded(events.filter((e) => e.orderId === ORDER));
};

const trade = (ts: number, price: number, quantity?: number): Tick => ({
  type: 'Tick',
  symbol: SYMBOL,
  ts,
  price,
  ...(quantity === undefined ? {} : { quantity }),
});

const anOrder = (over: Partial<CreateSmartOrder> = {}): CreateSmartOrder => ({
  type: 'CreateSmartOrder',
  orderId: ORDER,
  ts: 1,
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [
    { price: 2010, sizePct: 50 },
    { price: 2020, sizePct: 50 },
  ],
  stopLoss: { price: 1990 },
  market: { tickSize: 0.01, stepSize: 0.0001, minQty: 0.0001 },
  ...over,
});

const agree = async (c: Case) => {
  const onPaper = viaGivenWhenThen(c);
  expect(await viaPaperExchange(c)).toEqual(onPaper);
  return onPaper;
};

const fillsOf = (events: readonly { type: string; data: unknown }[]) =>
  events
    .filter((e) => e.type.endsWith('Filled'))
    .map((e) => ({ type: e.type, ...(e.data as object) }));

describe('one paper fill model: given / when / then and the paper exchange agree (SEMANTICS §9.4)', () => {
  it('fills a market entry at the next tick, pays the default fees, and exits at the trigger tick', async () => {
    const events = await agree({
      create: anOrder(),
      steps: [trade(10, 2000), trade(20, 2011), trade(30, 2021)],
      fills: DEFAULT_FILL_MODEL,
    });
    expect(fillsOf(events)).toEqual([
      expect.objectContaining({
        type: 'EntryFilled',
        price: 2000,
        fee: { amount: 0.001, asset: 'ETH' },
      }),
      expect.objectContaining({ type: 'TpFilled', price: 2011 }),
      expect.objectContaining({ type: 'TpFilled', price: 2021 }),
    ]);
  });

  it('fills no more than each print, the rest at later ticks, in parts', async () => {
    const events = await agree({
      create: anOrder({
        side: 'SELL',
        takeProfits: [{ price: 1990, sizePct: 100 }],
        stopLoss: { price: 2010 },
      }),
      steps: [trade(10, 2000, 0.4), trade(20, 2001, 0.7), trade(30, 1989, 0.5), trade(40, 1988, 2)],
      fills: DEFAULT_FILL_MODEL,
    });
    // Two prints fill the entry: 0.4, then 0.6 of the 0.7 printed.
    expect(fillsOf(events).filter((f) => f.type === 'EntryFilled')).toEqual([
      expect.objectContaining({ price: 2000, quantity: 0.4 }),
      expect.objectContaining({ price: 2001, quantity: 0.6 }),
    ]);
    expect(fillsOf(events).filter((f) => f.type === 'TpFilled')).toEqual([
      expect.objectContaining({ price: 1989, quantity: 0.5 }),
      expect.objectContaining({ price: 1988, quantity: 0.5 }),
    ]);
  });

  it('fills a limit entry when a tick reaches it, as a maker, and a stop through a gap', async () => {
    await agree({
      create: anOrder({ entry: { type: 'LIMIT', price: 1999 } }),
      steps: [trade(10, 2003), trade(20, 1998.5), trade(30, 1985)],
      fills: { fees: { makerBps: 2, takerBps: 5, asset: 'QUOTE' } },
    });
  });

  it('fills a flatten at the next tick, at its price', async () => {
    await agree({
      create: anOrder(),
      steps: [
        trade(10, 2000),
        trade(20, 2005),
        { type: 'Cancel', orderId: ORDER, ts: 25, flatten: true, lastPrice: 2005 },
        trade(30, 2003),
      ],
      fills: DEFAULT_FILL_MODEL,
    });
  });

  it('confirms the cancel of an exit a print left part-filled, and flattens the rest', async () => {
    const events = await agree({
      create: anOrder({ takeProfits: [{ price: 2010, sizePct: 100 }] }),
      steps: [
        trade(10, 2000),
        trade(20, 2011, 0.3),
        { type: 'Cancel', orderId: ORDER, ts: 25, flatten: true, lastPrice: 2011 },
        trade(30, 2012),
      ],
      fills: DEFAULT_FILL_MODEL,
    });
    expect(events.map((e) => e.type)).toContain('ExchangeOrderCancelled');
  });

  it('waits the latency: an order sent at t meets the first tick at or after t + latency', async () => {
    const events = await agree({
      create: anOrder(),
      steps: [trade(10, 2000), trade(60, 2001), trade(70, 2011), trade(80, 2009), trade(130, 2030)],
      fills: { latencyMs: 50, fees: NO_FEES },
    });
    expect(fillsOf(events)[0]).toMatchObject({ type: 'EntryFilled', price: 2001 });
  });

  // A random stream of prints around an order, long or short, with a market or limit entry, any
  // fee schedule, size limits on or off and a latency: both paths give the same fills and fees.
  it('for random tick streams and an order, both give the same events, fills and fees', async () => {
    const price = fc.integer({ min: 198_000, max: 202_000 }).map((n) => n / 100);
    const size = fc.option(
      fc.integer({ min: 1, max: 150 }).map((n) => n / 100),
      { nil: undefined },
    );
    const scenario = fc.record({
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      // Between the stop and the first take-profit, for either side.
      limit: fc.option(
        fc.integer({ min: 199_500, max: 200_500 }).map((n) => n / 100),
        { nil: undefined },
      ),
      ticks: fc.array(fc.record({ price, size, gap: fc.integer({ min: 1, max: 30 }) }), {
        minLength: 1,
        maxLength: 40,
      }),
      fees: fc.record({
        makerBps: fc.integer({ min: 0, max: 20 }),
        takerBps: fc.integer({ min: 0, max: 20 }),
        asset: fc.constantFrom('RECEIVED' as const, 'QUOTE' as const),
      }),
      sizeLimits: fc.boolean(),
      latencyMs: fc.constantFrom(0, 0, 15),
      // A Cancel { flatten } after this many ticks, or none.
      flattenAfter: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    });
    let filled = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const long = s.side === 'BUY';
        let ts = 1;
        const steps: (Tick | Command)[] = [];
        s.ticks.forEach((t, i) => {
          const at = (ts += t.gap);
          steps.push(trade(at, t.price, t.size));
          if (i + 1 === s.flattenAfter && i + 1 < s.ticks.length) {
            // Between this tick and the next, at the price of this one, as the engine enriches it.
            const cancel: Command = {
              type: 'Cancel',
              orderId: ORDER,
              ts: (ts += 1),
              flatten: true,
              lastPrice: t.price,
            };
            steps.push(cancel);
          }
        });
        const c: Case = {
          create: anOrder({
            side: s.side,
            entry: s.limit === undefined ? { type: 'MARKET' } : { type: 'LIMIT', price: s.limit },
            takeProfits: [
              { price: long ? 2006 : 1994, sizePct: 60 },
              { price: long ? 2012 : 1988, sizePct: 40 },
            ],
            stopLoss: { price: long ? 1993 : 2007 },
            trailing: { callbackRate: 0.002 },
          }),
          steps: [trade(1, 2000), ...steps],
          fills: { fees: s.fees, sizeLimits: s.sizeLimits, latencyMs: s.latencyMs },
        };
        // A cancel that comes after the order ended is refused on both paths: left out.
        const refused = given([], { paperFills: true, fills: c.fills }).when(c.create, ...c.steps);
        const events = await agree(
          refused.result._tag === 'Left' && refused.result.left.command.type === 'Cancel'
            ? { ...c, steps: c.steps.filter((x) => x.type !== 'Cancel') }
            : c,
        );
        if (fillsOf(events).length > 0) filled += 1;
      }),
      { numRuns: 100 },
    );
    // Not vacuous: most random streams fill the entry, and many an exit.
    expect(filled).toBeGreaterThan(40);
  });
});
