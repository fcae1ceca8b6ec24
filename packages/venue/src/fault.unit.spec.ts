import { isLeft, isRight } from 'fp-ts/Either';
import { parseFaults } from './fault';
import { createFaultBook } from './faultBook';

const message = (u: unknown): string => {
  const parsed = parseFaults(u);
  return isLeft(parsed) ? parsed.left.message : 'accepted';
};

describe('parseFaults', () => {
  it('reads a list, a single fault, or a plan with a faults section', () => {
    const plan = {
      orders: [],
      faults: [
        { from: 1, to: 2, rejectMarketOrders: true },
        { at: 3, dropExecutionReports: 3 },
      ],
    };
    expect(parseFaults(plan)).toEqual({ _tag: 'Right', right: plan.faults });
    expect(parseFaults({ at: 5, closeWebSocket: true })).toEqual({
      _tag: 'Right',
      right: [{ at: 5, closeWebSocket: true }],
    });
  });

  it('delays one report when no count is given', () => {
    expect(parseFaults([{ at: 1, delayExecutionReportsMs: 200 }])).toEqual({
      _tag: 'Right',
      right: [{ at: 1, delayExecutionReportsMs: 200, count: 1 }],
    });
  });

  it('says which fault is wrong and what is allowed', () => {
    expect(
      message([
        { at: 1, dropExecutionReports: 1 },
        { at: 1, dropExecutionReports: -1 },
      ]),
    ).toBe("faults[1]: 'dropExecutionReports' must be a positive integer; got -1");
    expect(message([{ at: 1, explode: true }])).toMatch(
      /^faults\[0\]: expected one of .*"offMarketPrint": price/,
    );
    expect(message({ at: 'soon', closeWebSocket: true })).toBe(
      'fault: \'at\' must be an epoch-ms time; got "soon"',
    );
    expect(message({ from: 5, to: 5, rejectMarketOrders: true })).toBe(
      "fault: 'to' must be after 'from'",
    );
    expect(message({ at: 1, offMarketPrint: 90, count: 2 })).toMatch(/unknown key\(s\) count/);
  });
});

describe('fault book', () => {
  it('uses counters up only from their time on, and fires one-off faults once', () => {
    const parsed = parseFaults([
      { at: 10, dropExecutionReports: 2 },
      { at: 20, offMarketPrint: 90 },
      { at: 15, closeWebSocket: true },
    ]);
    if (!isRight(parsed)) throw new Error('faults rejected');
    const book = createFaultBook(parsed.right);
    expect(book.takeDroppedReport(9)).toBe(false);
    expect([
      book.takeDroppedReport(10),
      book.takeDroppedReport(11),
      book.takeDroppedReport(12),
    ]).toEqual([true, true, false]);
    expect(book.due(14)).toEqual([]);
    expect(book.due(30)).toEqual([
      { at: 15, closeWebSocket: true },
      { at: 20, offMarketPrint: 90 },
    ]);
    expect(book.due(40)).toEqual([]);
  });

  it('closes the market for market orders from `from` up to, not including, `to`', () => {
    const book = createFaultBook([{ from: 10, to: 20, rejectMarketOrders: true }]);
    expect([9, 10, 19, 20].map(book.marketClosed)).toEqual([false, true, true, false]);
  });

  it('refuses signed reads from `from` up to, not including, `to`; a window that ends before it starts is refused', () => {
    const book = createFaultBook([{ from: 10, to: 20, refuseAccountReads: true }]);
    expect([9, 10, 19, 20].map(book.accountReadsRefused)).toEqual([false, true, true, false]);
    expect([9, 10].map(book.marketClosed)).toEqual([false, false]);
    expect(message({ from: 5, to: 5, refuseAccountReads: true })).toContain(
      `'to' must be after 'from'`,
    );
  });
});
