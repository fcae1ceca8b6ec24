import { clientOrderId, PURPOSE } from '../clientOrderId';
import {
  aSmartOrder,
  entryCid,
  entryFill,
  exchangeOnly,
  ORDER_ID,
  report,
  stopCid,
  tick,
  tpCid,
  trade,
} from '../testing/fixtures.spec.helper';
import { isLateCopy, recordedFill } from './lateReport';

/** Closed through its three take-profits: 0.4 at 105, 0.35 at 110, 0.25 at 120. */
const closed = () =>
  exchangeOnly.history(
    aSmartOrder('BUY'),
    entryFill(100),
    tick(105, 10),
    trade(tpCid(1), 105, 0.4, 11),
    tick(110, 12),
    trade(tpCid(2), 110, 0.35, 13),
    tick(120, 14),
    trade(tpCid(3), 120, 0.25, 15),
  );

/** Stopped at 94: its stop exit filled and left the state. */
const stopped = () =>
  exchangeOnly.history(
    aSmartOrder('BUY'),
    entryFill(100),
    tick(94, 10),
    trade(stopCid(), 94, 1, 11),
  );

describe('a late copy of what an ended order recorded', () => {
  it('the scenarios end the order', () => {
    expect(closed().map((e) => e.type)).toContain('SmartOrderClosed');
    expect(stopped().map((e) => e.type)).toContain('SmartOrderStopped');
  });

  it('is the same fill sent again, for an entry and for each level', () => {
    const events = closed();
    expect(isLateCopy(events, entryFill(100))).toBe(true);
    expect(isLateCopy(events, trade(tpCid(1), 105, 0.4))).toBe(true);
    expect(isLateCopy(events, trade(tpCid(3), 120, 0.25))).toBe(true);
  });

  it('is the end of an exchange order with no more filled than recorded', () => {
    const events = closed();
    expect(isLateCopy(events, report(tpCid(2), 'CANCELED', { cumulativeQuantity: 0.35 }))).toBe(
      true,
    );
    expect(isLateCopy(events, report(tpCid(2), 'NEW', { cumulativeQuantity: 0 }))).toBe(true);
  });

  it('counts an exit that filled and left the state, from its fill events', () => {
    const events = stopped();
    expect(recordedFill(events, stopCid())).toBe(1);
    expect(isLateCopy(events, trade(stopCid(), 94, 1))).toBe(true);
  });

  it('is not a fill beyond the record, nor one of an order the log never placed', () => {
    const events = closed();
    expect(isLateCopy(events, trade(tpCid(3), 120, 0.3))).toBe(false);
    expect(isLateCopy(events, trade(entryCid, 100, 1.5))).toBe(false);
    const stray = clientOrderId(ORDER_ID, PURPOSE.entry, 0, 7);
    expect(isLateCopy(events, trade(stray, 104, 1))).toBe(false);
    expect(isLateCopy(stopped(), trade(stopCid(2), 94, 0.1))).toBe(false);
  });

  it('is never a report without its cumulative quantity: it cannot be told from a new fill', () => {
    const { cumulativeQuantity: _, ...withoutCumulative } = trade(tpCid(3), 120, 0.25);
    expect(isLateCopy(closed(), withoutCumulative)).toBe(false);
  });
});
