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
      'ORDER    SYMBOL    SIDE  STATUS    TP  GROSS  FEES  NET P&L  ENTRY  STOP',
      'o-1      BTC/USDT  BUY   STOPPED  1/2   4.80  0.00     4.80    100  —',
      'short-2  ETH/USDT  SELL  PENDING  0/1   0.00  0.00     0.00      —  2750 (stop loss)',
      '',
      'realised P&L: 4.80 USDT net (gross 4.80, fees 0.00)',
    ]);
  });

  it('lists the plan commands the engine refused below the table', () => {
    const text = formatSummary(viewsOf(trailingScenario()), [rejection], { pnlDecimals: 4 });
    expect(text).toContain(
      'o-1    BTC/USDT  BUY   STOPPED  1/2  4.8000  0.0000   4.8000    100  —',
    );
    expect(text.split('\n').slice(-2)).toEqual([
      'rejected plan commands (1):',
      '  2023-11-14T22:15:00.000Z  ModifyStopLoss o-1: ORDER_TERMINAL: o-1 is STOPPED: no command applies',
    ]);
  });

  it('totals each column as printed: 9.87 + 4.17 + 0.79 is 14.83, not the 14.82 of the exact sum', () => {
    const [view] = viewsOf(trailingScenario());
    const rows = [9.865, 4.165, 0.785].map((net, i) => ({
      ...view!,
      orderId: `o-${i}`,
      pnl: { gross: net, fees: 0, net },
      realisedPnl: net,
    }));
    const lines = formatSummary(rows, []).split('\n');
    expect(lines.slice(1, 4).map((l) => l.split(/\s+/)[7])).toEqual(['9.87', '4.17', '0.79']);
    expect(lines[5]).toBe('realised P&L: 14.83 USDT net (gross 14.83, fees 0.00)');
  });

  it("prints an average entry that does not terminate to 8 decimals: a ladder's 2682.5034833333… reads 2682.50348333", () => {
    const [view] = viewsOf(trailingScenario());
    const text = formatSummary([{ ...view!, entryPrice: (2680.1 + 2683.3 + 2684.11045) / 3 }], []);
    expect(text.split('\n')[1]!.split(/\s+/)[8]).toBe('2682.50348333');
  });

  it('lists fees that nothing valued apart from the totals', () => {
    const [view] = viewsOf(trailingScenario());
    const text = formatSummary(
      [{ ...view!, feesUnvalued: [{ asset: 'BNB', amount: 0.0003 }] }],
      [],
    );
    expect(text.split('\n').slice(-1)).toEqual(['fees not valued: 0.0003 BNB (no BNB price)']);
  });

  it("shows an account's flatten after a trip as a row of its own, gross, fees and net, counted in the total", () => {
    const text = formatSummary(viewsOf(trailingScenario()), [], {
      accountExits: [
        {
          accountId: 'acc',
          symbol: 'BTC/USDT',
          side: 'SELL',
          quantity: 2,
          realisedPnl: -17.68,
          fees: 5.35,
        },
      ],
    });
    expect(text.split('\n')).toEqual([
      'ORDER        SYMBOL    SIDE  STATUS    TP   GROSS  FEES  NET P&L  ENTRY  STOP',
      'o-1          BTC/USDT  BUY   STOPPED  1/2    4.80  0.00     4.80    100  —',
      'account acc  BTC/USDT  SELL  FLATTEN    —  -12.33  5.35   -17.68      —  —',
      '',
      'realised P&L: -12.88 USDT net (gross -7.53, fees 5.35)',
    ]);
  });

  it('says so when there are no orders', () => {
    expect(formatSummary([], [])).toBe('no orders');
  });
});
