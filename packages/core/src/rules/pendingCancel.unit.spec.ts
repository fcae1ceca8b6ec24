import { event } from '../events/orderEvent';
import type { Cancel } from '../commands/liveCommands';
import {
  aSmartOrder,
  entryCid,
  exchangeOnly,
  flattenCid,
  mirror,
  report,
  settled,
  tick,
  SIDES,
  trade,
} from '../testing/fixtures.spec.helper';

const cancel = (fields: Partial<Cancel> = {}): Cancel => ({
  type: 'Cancel',
  orderId: 'o-1',
  ts: 20,
  ...fields,
});

const cancelEntry = (stopLoss = true) =>
  event('OcoCancelled', 20, {
    reason: 'MANUAL_CANCEL',
    levels: [1, 2, 3],
    stopLoss,
    entry: true,
    clientOrderIds: [entryCid],
  });

/**
 * The PENDING cancel race (SEMANTICS §4, version 2): cancelling a PENDING order whose entry is
 * working on an exchange ends it CANCELLED only once the exchange has confirmed the entry
 * cancelled; whatever filled before is a position, recorded and exited at market before the
 * order ends, whether or not flatten was asked.
 */
describe.each(SIDES)('the PENDING cancel race, %s (SEMANTICS §4)', (side) => {
  const px = mirror(side);
  const created = () => exchangeOnly.history(aSmartOrder(side));

  describe.each([false, true])('flatten %s', (flatten) => {
    it('waits for the exchange to confirm the entry cancelled before the order ends', () => {
      const state = exchangeOnly
        .given(created())
        .when(cancel({ flatten }))
        .then([cancelEntry(), event('CancelRequested', 20, { flatten })]);
      expect(state?.status).toBe('PENDING');
      exchangeOnly
        .given(created())
        .when(cancel({ flatten }), report(entryCid, 'CANCELED', { ts: 21, cumulativeQuantity: 0 }))
        .then([
          cancelEntry(),
          event('CancelRequested', 20, { flatten }),
          event('ExchangeOrderCancelled', 21, { clientOrderId: entryCid, filledQuantity: 0 }),
          event('SmartOrderCancelled', 21, { flatten, reason: 'MANUAL', ...settled(0) }),
        ]);
    });

    it('records an entry that fills in full while its cancel is in flight, and exits it at market', () => {
      const state = exchangeOnly
        .given(created())
        .when(
          cancel({ flatten }),
          trade(entryCid, 100, 1, 21),
          report(entryCid, 'CANCELED', { ts: 22, cumulativeQuantity: 1 }),
          trade(flattenCid(), px(99), 1, 23),
        )
        .then([
          cancelEntry(),
          event('CancelRequested', 20, { flatten }),
          event('EntryFilled', 21, {
            price: 100,
            quantity: 1,
            takeProfitQuantities: [0.4, 0.35, 0.25],
            clientOrderId: entryCid,
          }),
          event('FlattenTriggered', 21, { quantity: 1, price: null, clientOrderId: flattenCid() }),
          event('FlattenFilled', 23, { price: px(99), quantity: 1, clientOrderId: flattenCid() }),
          event('SmartOrderCancelled', 23, { flatten, reason: 'MANUAL', ...settled(-1) }),
        ]);
      expect(state?.openQuantity).toBe(0);
    });

    it('exits a partial fill at once, and ends once the entry is confirmed cancelled and the exit filled', () => {
      const state = exchangeOnly
        .given(exchangeOnly.history(aSmartOrder(side), trade(entryCid, 100, 0.3, 2)))
        .when(
          cancel({ flatten, lastPrice: px(100) }),
          report(entryCid, 'CANCELED', { ts: 21, cumulativeQuantity: 0.3 }),
          trade(flattenCid(), px(99), 0.3, 22),
        )
        .then([
          cancelEntry(),
          event('CancelRequested', 20, { flatten }),
          event('FlattenTriggered', 20, {
            quantity: 0.3,
            price: px(100),
            clientOrderId: flattenCid(),
          }),
          event('ExchangeOrderCancelled', 21, { clientOrderId: entryCid, filledQuantity: 0.3 }),
          event('FlattenFilled', 22, { price: px(99), quantity: 0.3, clientOrderId: flattenCid() }),
          event('SmartOrderCancelled', 22, { flatten, reason: 'MANUAL', ...settled(-0.3) }),
        ]);
      expect(state?.openQuantity).toBe(0);
      expect(state?.status).toBe('CANCELLED');
    });

    it("a kill switch's cancel (leaveToAccount) sends no exit: what filled, before or while the cancel is in flight, is the account flatten's, and the order ends once the entry is gone", () => {
      const state = exchangeOnly
        .given(exchangeOnly.history(aSmartOrder(side), trade(entryCid, 100, 0.3, 2)))
        .when(
          cancel({ flatten, lastPrice: px(100), leaveToAccount: true }),
          trade(entryCid, 100, 0.5, 21, 0.2),
          tick(px(99), 22),
          report(entryCid, 'CANCELED', { ts: 23, cumulativeQuantity: 0.5 }),
        )
        .then([
          cancelEntry(),
          event('CancelRequested', 20, { flatten, leftToAccount: true }),
          event('EntryFilled', 21, {
            price: 100,
            quantity: 0.2,
            takeProfitQuantities: [0.2, 0.175, 0.125],
            clientOrderId: entryCid,
            averagePrice: 100,
            filledQuantity: 0.5,
          }),
          event('ExchangeOrderCancelled', 23, { clientOrderId: entryCid, filledQuantity: 0.5 }),
          event('SmartOrderCancelled', 23, { flatten, reason: 'MANUAL', ...settled(0) }),
        ]);
      expect(state?.status).toBe('CANCELLED');
      expect(state?.openQuantity).toBe(0.5);
    });

    it('refuses further commands while the cancel is in flight', () => {
      exchangeOnly
        .given([...created(), cancelEntry(), event('CancelRequested', 20, { flatten })])
        .when({ type: 'ModifyStopLoss', orderId: 'o-1', ts: 21, price: px(94) })
        .thenRejects('ORDER_CLOSING');
    });
  });
});
