import { formatStatus } from './formatStatus';
import { storedEvents, TICKS, viewsOf } from './storedEvents.spec.helper';

const create = (orderId: string, trailing: boolean) => ({
  type: 'CreateSmartOrder' as const,
  orderId,
  ts: 1000,
  exchange: 'paper',
  symbol: 'BTC/USDT',
  side: 'BUY' as const,
  quantity: 1,
  entry: { type: 'MARKET' as const },
  takeProfits: [
    { price: 105, sizePct: 40 },
    { price: 110, sizePct: 60 },
  ],
  stopLoss: { price: 95 },
  ...(trailing ? { trailing: { callbackRate: 0.02 } } : {}),
});

/** o-1 trails (armed at entry, mark 103 after the first tick); o-2 has a fixed stop only. */
const views = () =>
  viewsOf(
    storedEvents([
      create('o-1', true),
      create('o-2', false),
      { fillEntry: 100, orderId: 'o-1', ts: 2000 },
      { fillEntry: 100, orderId: 'o-2', ts: 2000 },
      { ...TICKS[0] },
    ]),
  );

describe('formatStatus', () => {
  it('prints a table of id, symbol, side, status, TP progress, binding stop, trailing mark and P&L', () => {
    expect(formatStatus(views(), 'table').split('\n')).toEqual([
      'ORDER  SYMBOL    SIDE  STATUS   TP  STOP               TRAILING MARK  GROSS  FEES  NET P&L',
      'o-1    BTC/USDT  BUY   ACTIVE  0/2  100.94 (trailing)  103             0.00  0.00     0.00',
      'o-2    BTC/USDT  BUY   ACTIVE  0/2  95 (stop loss)     —               0.00  0.00     0.00',
      '',
      'realised P&L: 0.00 USDT net (gross 0.00, fees 0.00)',
    ]);
  });

  it('prints the same as JSON', () => {
    expect(JSON.parse(formatStatus(views(), 'json'))).toEqual([
      {
        orderId: 'o-1',
        symbol: 'BTC/USDT',
        side: 'BUY',
        status: 'ACTIVE',
        progress: '0/2',
        effectiveStop: { price: 100.94, kind: 'TRAILING_STOP' },
        trailingMark: 103,
        realisedPnl: { gross: 0, fees: 0, net: 0 },
        feesUnvalued: [],
      },
      {
        orderId: 'o-2',
        symbol: 'BTC/USDT',
        side: 'BUY',
        status: 'ACTIVE',
        progress: '0/2',
        effectiveStop: { price: 95, kind: 'STOP_LOSS' },
        trailingMark: null,
        realisedPnl: { gross: 0, fees: 0, net: 0 },
        feesUnvalued: [],
      },
    ]);
  });

  it('handles an empty store', () => {
    expect(formatStatus([], 'table')).toBe('no orders');
    expect(formatStatus([], 'json')).toBe('[]');
  });
});
