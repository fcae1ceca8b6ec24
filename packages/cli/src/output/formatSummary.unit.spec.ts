import type { PlanRejection } from '@smart-orders/engine';
import { formatSummary } from './formatSummary';
import { storedEvents, trailingScenario, viewsOf } from './storedEvents.spec.helper';

const pendingShort = () =>
  storedEvents([
    {
      type: 'CreateSmartOrder',
      orderId: 'short-2',
      ts: 1000,
      exchange: 'paper',
      symbol: 'ETH/USDT',
      side: 'SELL',
      quantity: 0.5,
      entry: { type: 'LIMIT', price: 2700 },
      takeProfits: [{ price: 2650, sizePct: 100 }],
      stopLoss: { price: 2750 },
    },
  ]);

const rejection: PlanRejection = {
  at: 1700000100000,
  command: { type: 'ModifyStopLoss', orderId: 'o-1', ts: 1700000100000, price: 200 },
  error: {
    code: 'ORDER_TERMINAL',
    orderId: 'o-1',
    message: 'o-1 is STOPPED: no command applies',
    issues: [],
  },
};

describe('formatSummary', () => {
  it('prints one row per order with status, TP progress, P&L to fixed decimals, entry and binding stop', () => {
    const text = formatSummary(viewsOf([...trailingScenario(), ...pendingShort()]), []);
    expect(text.split('\n')).toEqual([
      'ORDER    SYMBOL    SIDE  STATUS    TP  REALISED P&L  ENTRY  STOP',
      'o-1      BTC/USDT  BUY   STOPPED  1/2          4.80    100  —',
      'short-2  ETH/USDT  SELL  PENDING  0/1          0.00      —  2750 (stop loss)',
      '',
      'realised P&L: 4.80 USDT',
    ]);
  });

  it('lists the plan commands the engine refused below the table', () => {
    const text = formatSummary(viewsOf(trailingScenario()), [rejection], { pnlDecimals: 4 });
    expect(text).toContain('o-1    BTC/USDT  BUY   STOPPED  1/2        4.8000    100  —');
    expect(text.split('\n').slice(-2)).toEqual([
      'rejected plan commands (1):',
      '  2023-11-14T22:15:00.000Z  ModifyStopLoss o-1: ORDER_TERMINAL: o-1 is STOPPED: no command applies',
    ]);
  });

  it('says so when there are no orders', () => {
    expect(formatSummary([], [])).toBe('no orders');
  });
});
