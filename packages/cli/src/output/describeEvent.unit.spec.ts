import { describeEvent } from './describeEvent';
import { trailingScenario } from './storedEvents.spec.helper';

describe('describeEvent', () => {
  it('gives the key fields of each event of a real order', () => {
    expect(trailingScenario().map((e) => `${e.type}: ${describeEvent(e.type, e.data)}`)).toEqual([
      'SmartOrderCreated: BUY 1 BTC/USDT MARKET, TP 105×40% 110×60%, SL 95, trail 2%, break-even',
      'EntryFilled: 1 @ 100, TP quantities 0.4/0.6',
      'TrailingArmed: mark 100, stop 98',
      'TrailingRaised: mark 103, stop 100.94',
      'TrailingRaised: mark 106, stop 103.88',
      'TpTriggered: L1 0.4 @ 106 (target 105)',
      'TpFilled: L1 0.4 @ 106',
      'BreakEvenMoved: stop 95 → 100',
      'TrailingRaised: mark 108, stop 105.84',
      'StopLossTriggered: TRAILING_STOP at 105.84: 0.6 @ 104',
      'OcoCancelled: TRAILING_STOP: TP L2 cancelled',
      'StopLossFilled: 0.6 @ 104',
      'SmartOrderStopped: TRAILING_STOP, P&L 4.8 net (gross 4.8, fees 0)',
    ]);
  });

  it.each([
    ['StopLossModified', { from: null, to: 99 }, 'stop — → 99'],
    [
      'TrailingModified',
      { from: 0.02, to: 0.015, stopPrice: 107.8 },
      'callback 2% → 1.5%, stop 107.8',
    ],
    ['BreakEvenToggled', { enabled: false }, 'off'],
    [
      'EntryFilled',
      {
        price: 101,
        quantity: 0.2,
        takeProfitQuantities: [0.2, 0.3],
        clientOrderId: 'e',
        averagePrice: 100.4,
        filledQuantity: 0.5,
      },
      '0.2 @ 101 (average 100.4 of 0.5), TP quantities 0.2/0.3',
    ],
    [
      'EntriesCancelled',
      { levels: [], reason: 'TP_FILLED', clientOrderIds: ['e'] },
      'TP_FILLED: rest of the entry cancelled',
    ],
    [
      'EntriesCancelled',
      { levels: [2, 3], reason: 'STOP_LOSS', clientOrderIds: ['a', 'b'] },
      'STOP_LOSS: entry L2, entry L3 cancelled',
    ],
    [
      'OcoCancelled',
      { reason: 'MANUAL_CANCEL', levels: [1, 2], stopLoss: true, entry: true },
      'MANUAL_CANCEL: TP L1, TP L2, stop, entry cancelled',
    ],
    ['FlattenTriggered', { quantity: 0.6, price: null, clientOrderId: 'c' }, '0.6 @ market'],
    ['SmartOrderCancelled', { flatten: true, reason: 'MANUAL' }, 'flattened, MANUAL'],
    [
      'ExchangeOrderRejected',
      { clientOrderId: 'c-9', reason: 'insufficient balance' },
      'c-9: insufficient balance',
    ],
    [
      'EntryFilled',
      { price: 1e-8, quantity: 2, takeProfitQuantities: [1, 1] },
      '2 @ 0.00000001, TP quantities 1/1',
    ],
    [
      'KillSwitchTripped',
      { reason: 'DAILY_LOSS_LIMIT', detail: 'loss 512.4 > 500' },
      'DAILY_LOSS_LIMIT: loss 512.4 > 500',
    ],
    ['TradingStateChanged', { from: 'ACTIVE', to: 'HALTED' }, 'ACTIVE → HALTED'],
    [
      'HeartbeatLost',
      { lastBeat: 1700000000000, silentMs: 30000 },
      'lastBeat=1700000000000 silentMs=30000',
    ],
    ['SmartOrderClosed', {}, ''],
    [
      'SmartOrderCreated',
      {
        side: 'BUY',
        quantity: 1,
        symbol: 'BTC/USDT',
        entry: { type: 'TRAILING', callbackRate: 0.02, activationPrice: 95 },
        takeProfits: [{ price: 110, sizePct: 100 }],
        timeLimits: { entryTimeoutMs: 60000, positionTimeLimitMs: 3600000 },
      },
      'BUY 1 BTC/USDT TRAILING entry 2% from 95, TP 110×100%, entry timeout 60000 ms, position time limit 3600000 ms',
    ],
    ['EntryTrailMoved', { mark: 95, triggerPrice: 96.9 }, 'mark 95, entry at 96.9'],
    [
      'EntryTriggered',
      { price: 97, triggerPrice: 96.9, quantity: 1, clientOrderId: 'c' },
      '1 @ 97 (trigger 96.9)',
    ],
    ['TimeLimitReached', { deadline: 3600002 }, 'deadline 3600002'],
    [
      'StopLossTriggered',
      { kind: 'TIME_LIMIT', stopPrice: null, price: null, quantity: 0.6, clientOrderId: 'c' },
      'TIME_LIMIT: 0.6 @ market',
    ],
  ])('describes %s %j', (type, data, text) => {
    expect(describeEvent(type, data)).toBe(text);
  });
});
