import { isLeft, type Either } from 'fp-ts/Either';
import { formatInputError, type InputError } from '../inputError';
import { decodePlan, type Plan } from './decodePlan';

const order = {
  orderId: 'o-1',
  exchange: 'paper',
  symbol: 'BTC/USDT',
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [
    { price: 105, sizePct: 40 },
    { price: 110, sizePct: 60 },
  ],
  stopLoss: { price: 95 },
  trailing: { callbackRate: 0.02 },
  breakEven: true,
};

const decoded = (json: unknown): Plan => {
  const r = decodePlan(json, 'plan.json');
  if (isLeft(r)) throw new Error(formatInputError(r.left));
  return r.right;
};

const message = (r: Either<InputError, Plan>): string => {
  if (!isLeft(r)) throw new Error('expected the plan to be refused');
  return formatInputError(r.left);
};

const refused = (json: unknown): string => message(decodePlan(json, 'plan.json'));

describe('decodePlan', () => {
  it('builds the core commands: type added, ts = at, 0 for an order without at', () => {
    const plan = decoded({
      orders: [
        { at: 1700000000000, ...order },
        { ...order, orderId: 'o-2' },
      ],
      commands: [{ at: 1700000100000, type: 'ModifyStopLoss', orderId: 'o-1', price: 99 }],
    });
    expect(plan.orders).toEqual([
      { at: 1700000000000, command: { type: 'CreateSmartOrder', ts: 1700000000000, ...order } },
      { at: null, command: { type: 'CreateSmartOrder', ts: 0, ...order, orderId: 'o-2' } },
    ]);
    expect(plan.commands).toEqual([
      {
        at: 1700000100000,
        command: { type: 'ModifyStopLoss', orderId: 'o-1', ts: 1700000100000, price: 99 },
      },
    ]);
    expect(plan.account).toEqual({
      id: 'default',
      risk: null,
      staleAfterMs: null,
      flattenAfterStaleMs: null,
    });
    expect(plan.faults).toEqual([]);
  });

  it('accepts every command type and an at of null for an order', () => {
    const plan = decoded({
      orders: [{ at: null, ...order }],
      commands: [
        { at: 1, type: 'ModifyTrailing', orderId: 'o-1', callbackRate: 0.01 },
        { at: 2, type: 'ToggleBreakEven', orderId: 'o-1', enabled: false },
        { at: 3, type: 'Cancel', orderId: 'o-1', flatten: true },
      ],
    });
    expect(plan.orders[0]?.at).toBeNull();
    expect(plan.commands.map((c) => [c.command.type, c.command.ts])).toEqual([
      ['ModifyTrailing', 1],
      ['ToggleBreakEven', 2],
      ['Cancel', 3],
    ]);
  });

  it('accepts an empty plan and a faults-only plan', () => {
    expect(decoded({}).orders).toEqual([]);
    expect(decoded({ faults: [{ at: 5, closeWebSocket: true }] }).faults).toEqual([
      { at: 5, closeWebSocket: true },
    ]);
  });

  it('reads the paper section’s fill model, and names the field and the rule of a bad one', () => {
    expect(decoded({}).paper).toEqual({});
    const paper = {
      fees: { makerBps: 2, takerBps: 5, asset: 'QUOTE' },
      maxDeviationBps: 50,
      latencyMs: 20,
      sizeLimits: false,
    };
    expect(decoded({ paper }).paper).toEqual(paper);
    expect(message(decodePlan({ paper: { maxDeviationBps: 0 } }, 'plan.json'))).toContain(
      'paper.maxDeviationBps: must be basis points, a finite number > 0, got 0',
    );
    expect(message(decodePlan({ paper: { fees: { makerBps: 1 } } }, 'plan.json'))).toContain(
      'paper.fees.takerBps',
    );
    expect(message(decodePlan({ paper: { latencyMs: -1 } }, 'plan.json'))).toContain(
      'paper.latencyMs',
    );
    expect(message(decodePlan({ paper: { slippage: 1 } }, 'plan.json'))).toContain(
      'paper.slippage: unknown field',
    );
  });

  it('reads the account and its risk limits', () => {
    const risk = {
      dailyLossLimit: 500,
      sessionStart: '00:00 UTC',
      maxOrdersPerMinute: 60,
      maxWorkingOrdersPerSymbol: 4,
      maxPosition: { 'BTC/USDT': 2 },
      resetAtNextSession: true,
      flattenTimeoutMs: 5_000,
      limitPriceBandBps: 25,
    };
    expect(decoded({ account: { id: 'acc-1', risk } }).account).toEqual({
      id: 'acc-1',
      risk,
      staleAfterMs: null,
      flattenAfterStaleMs: null,
    });
    expect(decoded({ account: {} }).account).toEqual({
      id: 'default',
      risk: null,
      staleAfterMs: null,
      flattenAfterStaleMs: null,
    });
    expect(decoded({ account: { staleAfterMs: 3_000 } }).account.staleAfterMs).toBe(3_000);
    expect(refused({ account: { staleAfterMs: 0 } })).toContain('account.staleAfterMs');
  });

  it('reads flattenAfterStaleMs, and refuses one that is not above staleAfterMs, naming the field and the rule', () => {
    expect(decoded({ account: { flattenAfterStaleMs: 30_000 } }).account).toMatchObject({
      staleAfterMs: null,
      flattenAfterStaleMs: 30_000,
    });
    expect(
      decoded({ account: { staleAfterMs: 2_000, flattenAfterStaleMs: 2_001 } }).account
        .flattenAfterStaleMs,
    ).toBe(2_001);
    // The default staleAfterMs (10 s) counts when the plan gives none.
    expect(refused({ account: { flattenAfterStaleMs: 10_000 } })).toBe(
      'plan.json: account.flattenAfterStaleMs: 10000 is not allowed; it must be a whole number of milliseconds ' +
        'greater than account.staleAfterMs (10000), since a symbol is flattened only after its market data was declared stale',
    );
    expect(refused({ account: { staleAfterMs: 5_000, flattenAfterStaleMs: 4_000 } })).toContain(
      'greater than account.staleAfterMs (5000)',
    );
    expect(refused({ account: { flattenAfterStaleMs: 1.5 } })).toContain(
      'account.flattenAfterStaleMs',
    );
  });

  it('reads every kind of fault', () => {
    const faults = [
      { from: 1, to: 2, rejectMarketOrders: true },
      { at: 3, dropExecutionReports: 3 },
      { at: 4, delayExecutionReportsMs: 1500, count: 2 },
      { at: 5, executeWithoutAnswer: 1 },
      { at: 6, closeWebSocket: true },
      { at: 7, offMarketPrint: 28722.5 },
    ];
    expect(decoded({ faults }).faults).toEqual(faults);
  });

  it('reads a delay without a count as a delay of one report, as the venue does', () => {
    expect(decoded({ faults: [{ at: 4, delayExecutionReportsMs: 250.5 }] }).faults).toEqual([
      { at: 4, delayExecutionReportsMs: 250.5, count: 1 },
    ]);
  });

  it('names a take-profit ladder that does not sum to 100', () => {
    expect(
      refused({
        orders: [
          {
            ...order,
            takeProfits: [
              { price: 105, sizePct: 40 },
              { price: 110, sizePct: 55 },
            ],
          },
        ],
      }),
    ).toBe('plan.json: orders[0].takeProfits: sizePct must sum to 100, got 95');
  });

  it('applies the rules of SEMANTICS §1 against a limit entry', () => {
    expect(
      refused({
        orders: [{ ...order, entry: { type: 'LIMIT', price: 100 }, stopLoss: { price: 101 } }],
      }),
    ).toBe(
      'plan.json: orders[0].stopLoss.price: must be below the entry price 100 for a BUY, got 101',
    );
  });

  it('checks the paper grid, but leaves a live exchange’s grid to the engine unless the plan gives a market', () => {
    const fine = { ...order, takeProfits: [{ price: 105.005, sizePct: 100 }] };
    expect(refused({ orders: [fine] })).toBe(
      'plan.json: orders[0].takeProfits[0].price: must be a multiple of the tick size 0.01, got 105.005',
    );
    expect(decoded({ orders: [{ ...fine, exchange: 'binance' }] }).orders).toHaveLength(1);
    expect(
      refused({
        orders: [{ ...fine, exchange: 'binance', market: { tickSize: 0.1, stepSize: 0.001 } }],
      }),
    ).toBe(
      'plan.json: orders[0].takeProfits[0].price: must be a multiple of the tick size 0.1, got 105.005',
    );
  });

  it('refuses duplicate order ids', () => {
    expect(refused({ orders: [order, { ...order }] })).toBe(
      'plan.json: orders[1].orderId: must be unique in the plan, "o-1" is also orders[0]',
    );
  });

  it('refuses unknown fields at every level, and the fields the engine sets', () => {
    expect(
      refused({
        extra: 1,
        orders: [
          {
            ...order,
            ts: 5,
            type: 'CreateSmartOrder',
            referencePrice: 100,
            foo: 1,
            entry: { type: 'MARKET', price: 1 },
          },
        ],
        commands: [{ at: 1, type: 'Cancel', orderId: 'o-1', ts: 1, lastPrice: 3, why: 'x' }],
        account: { name: 'x', risk: { maxLoss: 1 } },
        faults: [{ at: 1, dropExecutionReports: 1, also: true }],
      }),
    ).toBe(
      'plan.json: extra: unknown field; ' +
        'orders[0].type: unknown field (every plan order is a CreateSmartOrder); ' +
        'orders[0].ts: unknown field (a plan order takes effect at "at"); ' +
        'orders[0].referencePrice: unknown field (the engine sets it from the last price); ' +
        'orders[0].foo: unknown field; orders[0].entry.price: unknown field; ' +
        'commands[0].ts: unknown field (a plan command takes effect at "at"); ' +
        'commands[0].lastPrice: unknown field (the engine sets it from the last price); ' +
        'commands[0].why: unknown field; ' +
        'account.name: unknown field; account.risk.maxLoss: unknown field; ' +
        'faults[0].also: unknown field',
    );
  });

  it.each([
    [{ orders: {} }, 'plan.json: orders: must be a list of 0..1000000 items, got {}'],
    [
      { orders: [{ ...order, at: 1.5 }] },
      'plan.json: orders[0].at: must be an epoch-millisecond integer >= 0, got 1.5',
    ],
    [
      { orders: [{ ...order, side: 'LONG' }] },
      'plan.json: orders[0].side: must be "BUY" or "SELL", got "LONG"',
    ],
    [
      { orders: [{ ...order, symbol: 'BTCUSDT' }] },
      'plan.json: orders[0].symbol: must be a ccxt symbol like "BTC/USDT" or "BTC/USDT:USDT", got "BTCUSDT"',
    ],
    [{ commands: [{ type: 'Cancel', orderId: 'o-1' }] }, 'plan.json: commands[0].at: is required'],
    [
      { commands: [{ at: 1, type: 'Tick', orderId: 'o-1' }] },
      'plan.json: commands[0].type: must be one of "ModifyStopLoss", "ModifyTrailing", "ToggleBreakEven", "Cancel", got "Tick"',
    ],
    [
      { commands: [{ at: 1, type: 'ModifyStopLoss', orderId: 'o-1' }] },
      'plan.json: commands[0].price: is required',
    ],
    [
      { account: { id: 'a b' } },
      'plan.json: account.id: must be 1..64 characters of [A-Za-z0-9_-], got "a b"',
    ],
    [
      { account: { risk: { sessionStart: '00:00 CET+1' } } },
      'plan.json: account.risk.sessionStart: must be "HH:MM <time zone>", like "00:00 UTC", "09:30 America/New_York" or "08:00 +02:00", got "00:00 CET+1"',
    ],
    [
      { account: { risk: { limitPriceBandBps: 10_000 } } },
      'plan.json: account.risk.limitPriceBandBps: must be basis points in (0, 10000) (50 = 0.5 %), got 10000',
    ],
    [
      { account: { risk: { maxOrdersPerMinute: 2.5 } } },
      'plan.json: account.risk.maxOrdersPerMinute: must be an integer > 0, got 2.5',
    ],
    [
      { account: { risk: { maxPosition: { BTCUSDT: 2 } } } },
      'plan.json: account.risk.maxPosition.BTCUSDT: must be keyed by a ccxt symbol like "BTC/USDT", got "BTCUSDT"',
    ],
    [
      { faults: [{ from: 5, to: 5, rejectMarketOrders: true }] },
      'plan.json: faults[0].to: must be after from 5, got 5',
    ],
    [
      { faults: [{ from: 1, to: 2, rejectMarketOrders: false }] },
      'plan.json: faults[0].rejectMarketOrders: must be true, got false',
    ],
    [
      { faults: [{ at: 1, delayExecutionReportsMs: 100, count: 0 }] },
      'plan.json: faults[0].count: must be an integer > 0, got 0',
    ],
    [
      { faults: [{ at: 1 }] },
      'plan.json: faults[0]: must have exactly one of rejectMarketOrders, dropExecutionReports, delayExecutionReportsMs, executeWithoutAnswer, closeWebSocket, offMarketPrint, got none',
    ],
    [
      { faults: [{ at: 1, offMarketPrint: -3 }] },
      'plan.json: faults[0].offMarketPrint: must be a finite number > 0, got -3',
    ],
    [[], 'plan.json: must be an object (Plan)'],
  ])('refuses %j', (json, text) => {
    expect(refused(json)).toBe(text);
  });

  it('gives the field of a single issue apart, for callers that branch on it', () => {
    const r = decodePlan({ orders: [{ ...order, quantity: 0 }] }, 'plan.json');
    expect(isLeft(r) && r.left).toEqual({
      code: 'BAD_INPUT',
      file: 'plan.json',
      field: 'orders[0].quantity',
      message: 'must be a finite number > 0, got 0',
    });
  });
});
