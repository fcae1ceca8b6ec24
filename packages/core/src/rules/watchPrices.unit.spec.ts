import { fold } from '../state/evolve';
import type { OrderState } from '../state/orderState';
import {
  activeOrder,
  aSmartOrder,
  entryFill,
  exchangeOnly,
  report,
  stopCid,
  tick,
} from '../testing/fixtures.spec.helper';
import { NEVER, watchPrices } from './watchPrices';

const stateOf = (events: Parameters<typeof fold>[0]): OrderState => fold(events) as OrderState;

describe('watchPrices: where the engine’s per-symbol index next needs to look at an order', () => {
  it('a long: at or above the next level, at or below its stop', () => {
    expect(watchPrices(stateOf(activeOrder('BUY')))).toEqual({ above: 105, below: 95 });
  });

  it('a short: the mirror image', () => {
    expect(watchPrices(stateOf(activeOrder('SELL')))).toEqual({ above: 105, below: 95 });
  });

  it('a trailing stop is looked at where its rounded stop would rise', () => {
    const watch = watchPrices(stateOf(activeOrder('BUY', { trailing: { callbackRate: 0.02 } })));
    // Stop 98 rises once 0.98 × price passes it: above 100, looked at a hair early.
    expect(watch.above).toBeLessThanOrEqual(100);
    expect(watch.above).toBeGreaterThan(99.9999);
    expect(watch.below).toBe(98);
  });

  it('a trailing stop waiting for its activation price is looked at there', () => {
    const watch = watchPrices(
      stateOf(activeOrder('BUY', { trailing: { callbackRate: 0.02, activationPrice: 103 } })),
    );
    expect(watch).toEqual({ above: 103, below: 95 });
  });

  it('a terminal order, or one without a fill, needs no look', () => {
    expect(watchPrices(stateOf(exchangeOnly.history(aSmartOrder('BUY'))))).toEqual(NEVER);
    expect(
      watchPrices(
        stateOf(
          exchangeOnly.history(aSmartOrder('BUY'), { type: 'Cancel', orderId: 'o-1', ts: 2 }),
        ),
      ),
    ).toEqual(NEVER);
  });

  it('an order being exited with quantity left uncovered is looked at on every tick, to send the exit again', () => {
    const stopFired = exchangeOnly.history(aSmartOrder('BUY'), entryFill(), tick(95, 10));
    expect(watchPrices(stateOf(stopFired))).toEqual(NEVER);
    const refused = exchangeOnly.history(
      aSmartOrder('BUY'),
      entryFill(),
      tick(95, 10),
      report(stopCid(), 'REJECTED', { ts: 11 }),
    );
    expect(watchPrices(stateOf(refused))).toEqual({ above: -Infinity, below: Infinity });
  });
});
