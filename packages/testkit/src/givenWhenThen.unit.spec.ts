import { clientOrderId, event, NO_FEES, PURPOSE, type Command } from '@smart-orders/core';
import { given, history, type GivenOptions } from './givenWhenThen';

/** What a terminal event settles: gross, the fees charged, and net. */
const settled = (gross: number, fees = 0, net = gross) => ({
  realisedPnl: { gross, fees, net },
  feesUnvalued: [],
  dust: 0,
});

const create: Command = {
  type: 'CreateSmartOrder',
  orderId: 'btc-1',
  ts: 1,
  exchange: 'paper',
  symbol: 'BTC/USDT',
  side: 'BUY',
  quantity: 1,
  entry: { type: 'LIMIT', price: 100 },
  takeProfits: [{ price: 150, sizePct: 100 }],
  trailing: { callbackRate: 0.02 },
};
const entryCid = clientOrderId('btc-1', PURPOSE.entry, 0, 1);
const stopCid = clientOrderId('btc-1', PURPOSE.stopLoss, 0, 1);
const entryFilled: Command = {
  type: 'ExecutionReport',
  orderId: 'btc-1',
  ts: 2,
  clientOrderId: entryCid,
  execType: 'TRADE',
  lastPrice: 100,
  cumulativeQuantity: 1,
};
const tick = (price: number, ts: number): Command => ({
  type: 'Tick',
  symbol: 'BTC/USDT',
  ts,
  price,
});

describe('the test kit’s given / when / then', () => {
  it('reads like the spec: the 2 % trailing example, filled on paper at the default fees', () => {
    const state = given(history([create, entryFilled]), { paperFills: true })
      .when(tick(110, 10), tick(107, 11))
      .then([
        event('TrailingRaised', 10, { mark: 110, stopPrice: 107.8 }),
        event('StopLossTriggered', 11, {
          kind: 'TRAILING_STOP',
          stopPrice: 107.8,
          price: 107,
          quantity: 1,
          clientOrderId: stopCid,
        }),
        event('OcoCancelled', 11, {
          reason: 'TRAILING_STOP',
          levels: [1],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
        // The entry's fill is the scenario's own report; the paper exchange's exit pays the
        // spec's default taker fee, 10 bps, in USDT: 1 × 107 × 0.001.
        event('StopLossFilled', 11, {
          price: 107,
          quantity: 1,
          clientOrderId: stopCid,
          fee: { amount: 0.107, asset: 'USDT' },
        }),
        event('SmartOrderStopped', 11, { kind: 'TRAILING_STOP', ...settled(7, 0.107, 6.893) }),
      ]);
    expect(state?.status).toBe('STOPPED');
  });

  it('fills on paper with the fill model the scenario sets: no fee, or the printed size', () => {
    const trailingStop = (fills: GivenOptions['fills'], last: Command) =>
      given(history([create, entryFilled]), { paperFills: true, fills }).when(tick(110, 10), last);
    const exits = (decided: ReturnType<typeof trailingStop>) =>
      decided.result._tag === 'Right'
        ? decided.result.right.events.filter((e) => e.type === 'StopLossFilled')
        : [];
    expect(exits(trailingStop({ fees: NO_FEES }, tick(107, 11)))).toEqual([
      event('StopLossFilled', 11, { price: 107, quantity: 1, clientOrderId: stopCid }),
    ]);
    // A print of 0.25 fills a quarter of the exit; the rest waits for the next tick.
    expect(
      exits(trailingStop({ fees: NO_FEES }, { ...tick(107, 11), quantity: 0.25 } as Command)),
    ).toEqual([
      event('StopLossFilled', 11, { price: 107, quantity: 0.25, clientOrderId: stopCid }),
    ]);
  });

  it('on paper, a print that is not the market neither triggers nor fills (deviation filter, offMarket)', () => {
    const decided = given(history([create, entryFilled]), {
      paperFills: true,
      fills: { fees: NO_FEES, maxDeviationBps: 300 },
    }).when(
      tick(100, 10),
      tick(90, 11),
      { ...tick(96, 12), offMarket: true } as Command,
      tick(97, 13),
    );
    const events = decided.result._tag === 'Right' ? decided.result.right.events : [];
    // 90 is 1,000 bps from the median 100 and the flagged 96 is no price: the stop at 98
    // fires at 97, 300 bps away, the first print that is the market.
    expect(events.filter((e) => e.type.startsWith('StopLoss'))).toEqual([
      expect.objectContaining({ type: 'StopLossTriggered', ts: 13 }),
      event('StopLossFilled', 13, { price: 97, quantity: 1, clientOrderId: stopCid }),
    ]);
  });

  it('fills a market entry on paper at the next tick, as the paper exchange does', () => {
    const market: Command = { ...create, entry: { type: 'MARKET' } } as Command;
    const decided = given(history([market], { paperFills: true }), { paperFills: true }).when(
      tick(101, 10),
    );
    expect(decided.result._tag === 'Right' && decided.result.right.events[0]).toEqual(
      event('EntryFilled', 10, {
        price: 101,
        quantity: 1,
        clientOrderId: entryCid,
        // 10 bps of the 1 BTC bought, taken in BTC: 0.999 is what the position holds.
        fee: { amount: 0.001, asset: 'BTC' },
        netQuantity: 0.999,
        takeProfitQuantities: [0.999],
      }),
    );
  });

  it('without paper fills, leaves the exit to the exchange', () => {
    given(history([create, entryFilled]))
      .when(tick(97, 10))
      .then([
        event('StopLossTriggered', 10, {
          kind: 'TRAILING_STOP',
          stopPrice: 98,
          price: 97,
          quantity: 1,
          clientOrderId: stopCid,
        }),
        event('OcoCancelled', 10, {
          reason: 'TRAILING_STOP',
          levels: [1],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
      ]);
  });

  it('asserts typed rejections', () => {
    const error = given(history([create]))
      .when(create)
      .thenRejects('VALIDATION_FAILED', 'must be unique');
    expect(error.issues).toEqual([
      { path: 'orderId', rule: 'must be unique, btc-1 already exists' },
    ]);
    given([]).when(tick(100, 10)).thenRejects('ORDER_NOT_FOUND');
  });

  it('fails with jest’s diff when the events differ', () => {
    const wrong = () =>
      given(history([create, entryFilled]))
        .when(tick(110, 10))
        .then([event('TrailingRaised', 10, { mark: 110, stopPrice: 107.81 })]);
    expect(wrong).toThrow(
      /the decided events differ from the expected ones[\s\S]*Expected[\s\S]*107\.81[\s\S]*107\.8/,
    );
  });

  it('refuses a history that does not apply', () => {
    expect(() => history([entryFilled])).toThrow('ORDER_NOT_FOUND');
  });
});
