import fc from 'fast-check';
import { event } from '../events/orderEvent';
import type { OrderEvent } from '../events/orderEvent';
import { evolve } from '../state/evolve';
import type { OrderState, State } from '../state/orderState';
import { decide } from '../decide';
import {
  activeOrder,
  exchangeOnly,
  report,
  stopCid,
  tick,
  tpCid,
} from '../testing/fixtures.spec.helper';

const refused = (cid: string, ts: number) =>
  report(cid, 'REJECTED', {
    ts,
    reason: 'Account has insufficient balance for requested action. (-2010)',
    refusal: 'INSUFFICIENT_BALANCE',
  });

const fold = (events: readonly OrderEvent[]): State =>
  events.reduce<State>((s, e) => evolve(s, e), null);

describe('an exit refused for insufficient balance is held, not retried (SEMANTICS §9.1)', () => {
  it('the stop’s exit: recorded once with its refusal, and no tick sends it again', () => {
    const stopped = exchangeOnly.given(activeOrder()).when(tick(94, 20));
    if (stopped.result._tag === 'Left') throw new Error(stopped.result.left.error.message);
    const history = [...activeOrder(), ...stopped.result.right.events];
    const state = exchangeOnly
      .given(history)
      .when(refused(stopCid(), 21))
      .then([
        event('ExchangeOrderRejected', 21, {
          clientOrderId: stopCid(),
          reason: 'Account has insufficient balance for requested action. (-2010)',
          refusal: 'INSUFFICIENT_BALANCE',
        }),
      ]);
    expect(state?.exitsHeld).toBe(true);
    const after = exchangeOnly
      .given(history)
      .when(refused(stopCid(), 21), tick(93, 30), tick(80, 40));
    if (after.result._tag === 'Left') throw new Error(after.result.left.error.message);
    expect(after.result.right.events.map((e) => e.type)).toEqual(['ExchangeOrderRejected']);
  });

  it('an ordinary refusal of the stop’s exit is still retried on the next tick', () => {
    const stopped = exchangeOnly.given(activeOrder()).when(tick(94, 20));
    if (stopped.result._tag === 'Left') throw new Error(stopped.result.left.error.message);
    const history = [...activeOrder(), ...stopped.result.right.events];
    const after = exchangeOnly
      .given(history)
      .when(report(stopCid(), 'REJECTED', { ts: 21, reason: 'market closed' }), tick(93, 30));
    if (after.result._tag === 'Left') throw new Error(after.result.left.error.message);
    expect(after.result.right.events.map((e) => e.type)).toContain('StopLossRetried');
  });

  it('a take-profit: the level is not triggered again', () => {
    const triggered = exchangeOnly.given(activeOrder()).when(tick(106, 20));
    if (triggered.result._tag === 'Left') throw new Error(triggered.result.left.error.message);
    const history = [...activeOrder(), ...triggered.result.right.events];
    const after = exchangeOnly.given(history).when(refused(tpCid(1), 21), tick(107, 30));
    if (after.result._tag === 'Left') throw new Error(after.result.left.error.message);
    expect(after.result.right.events.map((e) => e.type)).toEqual(['ExchangeOrderRejected']);
  });

  it('property: once held, no tick, whatever its price, decides anything for the order', () => {
    const stopped = exchangeOnly.given(activeOrder()).when(tick(94, 20), refused(stopCid(), 21));
    if (stopped.result._tag === 'Left') throw new Error(stopped.result.left.error.message);
    const held = fold([...activeOrder(), ...stopped.result.right.events]) as OrderState;
    expect(held.exitsHeld).toBe(true);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 30 }),
        (cents) => {
          cents.forEach((c, i) => {
            const decided = decide(tick(c / 100, 100 + i), held);
            expect(decided).toEqual({ _tag: 'Right', right: [] });
          });
        },
      ),
    );
  });
});
