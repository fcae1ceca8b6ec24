import { event } from '../events/orderEvent';
import {
  aSmartOrder,
  entryCid,
  exchangeOnly,
  flattenCid,
  mirror,
  paper,
  report,
  SIDES,
  stopCid,
  tick,
  trade,
  settled,
} from '../testing/fixtures.spec.helper';
import { watchPrices } from './watchPrices';

/**
 * SEMANTICS §3.1: a live entry that fills in parts protects each filled lot at once. The fixed
 * stop watches what has filled while the rest of the entry is still working; the ladder and
 * the trailing stop wait for the entry to be done, since their sizes and mark depend on it.
 */
describe.each(SIDES)('a %s whose entry has filled in part', (side) => {
  const px = mirror(side);
  const partlyFilled = () =>
    exchangeOnly.history(
      aSmartOrder(side, { trailing: { callbackRate: 0.02 } }),
      trade(entryCid, 100, 0.3, 2),
    );

  it('is watched at its stop by the engine’s index', () => {
    const state = exchangeOnly.given(partlyFilled()).when().then([]);
    expect(state === null ? null : watchPrices(state)).toEqual(
      side === 'BUY' ? { above: Infinity, below: 95 } : { above: 105, below: -Infinity },
    );
  });

  it('stops out the filled lot when the price reaches the stop, and cancels the rest of the entry', () => {
    paper
      .given(partlyFilled())
      .when(tick(px(95), 10))
      .then([
        event('StopLossTriggered', 10, {
          kind: 'STOP_LOSS',
          stopPrice: px(95),
          price: px(95),
          quantity: 0.3,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 10, {
          reason: 'STOP_LOSS',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: true,
          clientOrderIds: [entryCid],
        }),
        event('StopLossFilled', 10, { price: px(95), quantity: 0.3, clientOrderId: stopCid() }),
      ]);
  });

  it('ends STOPPED only once the exchange confirms that the entry is cancelled: no order is left working', () => {
    paper
      .given(paper.history(aSmartOrder(side), trade(entryCid, 100, 0.3, 2), tick(px(95), 10)))
      .when(report(entryCid, 'CANCELED', { ts: 11, cumulativeQuantity: 0.3 }))
      .then([
        event('ExchangeOrderCancelled', 11, { clientOrderId: entryCid, filledQuantity: 0.3 }),
        event('SmartOrderStopped', 11, { kind: 'STOP_LOSS', ...settled(-1.5) }),
      ]);
  });

  it('exits what the entry fills while its cancel is in flight, with the stop', () => {
    exchangeOnly
      .given(partlyFilled())
      .when(tick(px(95), 10), trade(entryCid, 100, 0.5, 11, 0.2))
      .then([
        event('StopLossTriggered', 10, {
          kind: 'STOP_LOSS',
          stopPrice: px(95),
          price: px(95),
          quantity: 0.3,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 10, {
          reason: 'STOP_LOSS',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: true,
          clientOrderIds: [entryCid],
        }),
        event('EntryPartiallyFilled', 11, {
          price: 100,
          quantity: 0.2,
          filledQuantity: 0.5,
          clientOrderId: entryCid,
        }),
        event('StopLossRetried', 11, {
          reason: 'REMAINDER',
          quantity: 0.2,
          price: null,
          clientOrderId: stopCid(2),
        }),
      ]);
  });

  it('counts only the last lot into the position when the entry completes after a stopped-out lot', () => {
    const state = paper
      .given(paper.history(aSmartOrder(side), trade(entryCid, 100, 0.3, 2), tick(px(95), 10)))
      .when(trade(entryCid, 100, 1, 11, 0.7))
      .then([
        event('EntryFilled', 11, {
          price: 100,
          quantity: 1,
          takeProfitQuantities: [0.4, 0.35, 0.25],
          clientOrderId: entryCid,
        }),
        event('StopLossRetried', 11, {
          reason: 'REMAINDER',
          quantity: 0.7,
          price: null,
          clientOrderId: stopCid(2),
        }),
      ]);
    expect(state?.openQuantity).toBe(0.7);
  });

  it('triggers no take-profit and no trailing stop until the entry is done', () => {
    exchangeOnly
      .given(partlyFilled())
      .when(tick(px(125), 10), tick(px(96), 11))
      .then([]);
  });

  it('sends a refused flatten exit again on the next tick, which fills on paper at the tick after (§4 v2)', () => {
    const flattening = exchangeOnly.history(
      aSmartOrder(side),
      trade(entryCid, 100, 0.3, 2),
      { type: 'Cancel', orderId: 'o-1', ts: 3, flatten: true },
      report(entryCid, 'CANCELED', { ts: 4, cumulativeQuantity: 0.3 }),
      report(flattenCid(), 'REJECTED', { ts: 5, reason: 'try again' }),
    );
    paper
      .given(flattening)
      .when(tick(px(99), 10), tick(px(98), 11))
      .then([
        event('FlattenTriggered', 10, {
          quantity: 0.3,
          price: px(99),
          clientOrderId: flattenCid(2),
        }),
        event('FlattenFilled', 11, { price: px(98), quantity: 0.3, clientOrderId: flattenCid(2) }),
        event('SmartOrderCancelled', 11, { flatten: true, reason: 'MANUAL', ...settled(-0.6) }),
      ]);
  });
});

describe('a PENDING order with nothing filled', () => {
  it('takes no ticks and is not watched', () => {
    const created = exchangeOnly.history(aSmartOrder('BUY'));
    exchangeOnly.given(created).when(tick(50), tick(150)).then([]);
    const state = exchangeOnly.given(created).when().then([]);
    expect(state === null ? null : watchPrices(state)).toEqual({
      above: Infinity,
      below: -Infinity,
    });
  });
});
