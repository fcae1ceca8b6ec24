import { clientOrderId, event, PURPOSE, type Command } from '@smart-orders/core';
import { given, history } from './givenWhenThen';

/** What a terminal event settles when no fee was charged. */
const settled = (gross: number) => ({
  realisedPnl: { gross, fees: 0, net: gross },
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
  it('reads like the spec: the 2 % trailing example, filled on paper', () => {
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
        event('StopLossFilled', 11, { price: 107, quantity: 1, clientOrderId: stopCid }),
        event('SmartOrderStopped', 11, { kind: 'TRAILING_STOP', ...settled(7) }),
      ]);
    expect(state?.status).toBe('STOPPED');
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
