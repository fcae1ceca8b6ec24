import type { ExecutionReport } from '../commands/executionReport';
import { event } from '../events/orderEvent';
import { fold } from '../state/evolve';
import type { OrderState } from '../state/orderState';
import {
  aSmartOrder,
  entryCid,
  exchangeOnly,
  tick,
  tpCid,
  trade,
} from '../testing/fixtures.spec.helper';
import { breakEvenPrice } from './breakEvenPrice';

const withFee = (r: ExecutionReport, amount: number, asset: string): ExecutionReport => ({
  ...r,
  fee: { amount, asset },
});

describe('break-even with fees (SEMANTICS §9.3)', () => {
  const given = (side: 'BUY' | 'SELL', fee: { amount: number; asset: string }, takerBps = 10) =>
    exchangeOnly.history(
      aSmartOrder(side, { breakEven: { offset: 'FEES', takerBps } }),
      withFee(trade(entryCid, 100, 1, 2), fee.amount, fee.asset),
    );

  it('the worked example: entry 100 × 1 at 10 bps taker, fee in quote: 100 × 1.001 / 0.999 → 100.21', () => {
    const s = fold(given('BUY', { amount: 0.1, asset: 'USDT' }));
    expect(breakEvenPrice(s as OrderState)).toBe(100.21);
  });

  it('moves the stop there at the first take-profit fill', () => {
    exchangeOnly
      .given(given('BUY', { amount: 0.1, asset: 'USDT' }))
      .when(tick(105, 10), trade(tpCid(1), 105, 0.4, 11))
      .then([
        event('TpTriggered', 10, {
          level: 1,
          price: 105,
          targetPrice: 105,
          quantity: 0.4,
          clientOrderId: tpCid(1),
        }),
        event('TpFilled', 11, { level: 1, price: 105, quantity: 0.4, clientOrderId: tpCid(1) }),
        event('BreakEvenMoved', 11, { from: 95, to: 100.21 }),
      ]);
  });

  it('divides a long’s cost by the net position when the fee was taken in the base asset', () => {
    // 100 / 0.999 / 0.999 = 100.2003…, up to 100.21.
    const s = fold(given('BUY', { amount: 0.001, asset: 'BTC' }));
    expect(breakEvenPrice(s as OrderState)).toBe(100.21);
  });

  it('mirrors for a short: proceeds net of their fee, divided by 1 + taker, rounded down', () => {
    // (100 − 0.1) / 1.001 = 99.8001…, down to 99.8.
    const s = fold(given('SELL', { amount: 0.1, asset: 'USDT' }));
    expect(breakEvenPrice(s as OrderState)).toBe(99.8);
  });

  it('is the entry price rounded toward the market without the fees offset', () => {
    const s = fold(
      exchangeOnly.history(aSmartOrder('BUY', { breakEven: true }), trade(entryCid, 100.005, 1, 2)),
    );
    expect(breakEvenPrice(s as OrderState)).toBe(100.01);
  });

  it('records the taker rate it assumes, 10 bps when the command names none', () => {
    const created = exchangeOnly.history(aSmartOrder('BUY', { breakEven: { offset: 'FEES' } }));
    expect(created[0]).toMatchObject({
      data: { breakEven: true, breakEvenFees: { takerBps: 10 } },
    });
  });
});
