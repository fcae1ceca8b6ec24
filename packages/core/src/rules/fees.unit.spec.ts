import { event } from '../events/orderEvent';
import { orderView } from '../projections/orderView';
import type { ExecutionReport } from '../commands/executionReport';
import type { OrderState } from '../state/orderState';
import {
  aSmartOrder,
  entryCid,
  exchangeOnly,
  stopCid,
  tick,
  tpCid,
  trade,
} from '../testing/fixtures.spec.helper';

const withFee = (r: ExecutionReport, amount: number, asset: string, value?: number) => ({
  ...r,
  fee: value === undefined ? { amount, asset } : { amount, asset, value },
});

const ETH_MARKET = { tickSize: 0.01, stepSize: 0.0001 };

describe('fees folded into the order (SEMANTICS §9.1–§9.2)', () => {
  it('fixes the take-profits on the net quantity when the entry fee is taken in the base asset', () => {
    // 1 BTC bought at 10 bps in BTC: the account holds 0.999, and the ladder splits that.
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder('BUY')))
      .when(withFee(trade(entryCid, 100, 1, 2), 0.001, 'BTC'))
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 1,
          takeProfitQuantities: [0.3996, 0.34965, 0.24975],
          clientOrderId: entryCid,
          fee: { amount: 0.001, asset: 'BTC' },
          netQuantity: 0.999,
        }),
      ]);
  });

  it('leaves the net quantity below one step as dust, recorded on the terminal event', () => {
    // 0.0046 ETH at 10 bps in ETH: net 0.0045954; the step 0.0001 sells 0.0045, 0.0000954 is dust.
    const order = aSmartOrder('BUY', {
      symbol: 'ETH/USDT',
      quantity: 0.0046,
      market: ETH_MARKET,
      takeProfits: [{ price: 105, sizePct: 100 }],
    });
    exchangeOnly
      .given(
        exchangeOnly.history(
          order,
          withFee(trade(entryCid, 100, 0.0046, 2), 0.0000046, 'ETH'),
          tick(90, 10, { symbol: 'ETH/USDT' }),
        ),
      )
      .when(withFee(trade(stopCid(), 90, 0.0045, 11), 0.000405, 'USDT'))
      .then([
        event('StopLossFilled', 11, {
          price: 90,
          quantity: 0.0045,
          clientOrderId: stopCid(),
          fee: { amount: 0.000405, asset: 'USDT' },
        }),
        event('SmartOrderStopped', 11, {
          kind: 'STOP_LOSS',
          // 0.0045 × −10 gross; fees 0.0000046 ETH at 100 and 0.000405 USDT.
          realisedPnl: { gross: -0.045, fees: 0.000865, net: -0.045865 },
          feesUnvalued: [],
          dust: 0.0000954,
        }),
      ]);
  });

  it('sends the stop for the net position floored to the step, not for what was bought', () => {
    const order = aSmartOrder('BUY', {
      symbol: 'ETH/USDT',
      quantity: 0.0046,
      market: ETH_MARKET,
      takeProfits: [{ price: 105, sizePct: 100 }],
    });
    exchangeOnly
      .given(
        exchangeOnly.history(order, withFee(trade(entryCid, 100, 0.0046, 2), 0.0000046, 'ETH')),
      )
      .when(tick(90, 10, { symbol: 'ETH/USDT' }))
      .then([
        event('StopLossTriggered', 10, {
          kind: 'STOP_LOSS',
          stopPrice: 95,
          price: 90,
          quantity: 0.0045,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 10, {
          reason: 'STOP_LOSS',
          levels: [1],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
      ]);
  });

  it('never exits more than the net position, whatever the exchange reports', () => {
    const given = exchangeOnly.history(
      aSmartOrder('BUY', { takeProfits: [{ price: 105, sizePct: 100 }] }),
      withFee(trade(entryCid, 100, 1, 2), 0.001, 'BTC'),
      tick(105, 10),
    );
    const state = exchangeOnly
      .given(given)
      // The exchange claims the whole 1 BTC sold: only the 0.999 held is counted.
      .when(withFee(trade(tpCid(1), 105, 1, 11), 0.105, 'USDT'))
      .then([
        event('TpFilled', 11, {
          level: 1,
          price: 105,
          quantity: 0.999,
          clientOrderId: tpCid(1),
          fee: { amount: 0.105, asset: 'USDT' },
        }),
        event('OcoCancelled', 11, {
          reason: 'ALL_TP_FILLED',
          levels: [],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('SmartOrderClosed', 11, {
          // 0.999 × 5 gross; the entry fee 0.001 BTC at 100 and the exit fee 0.105 USDT.
          realisedPnl: { gross: 4.995, fees: 0.205, net: 4.79 },
          feesUnvalued: [],
          dust: 0,
        }),
      ]) as OrderState;
    expect(state.openQuantity).toBe(0);
    expect(orderView(state)).toMatchObject({
      realisedPnl: 4.79,
      pnl: { gross: 4.995, fees: 0.205, net: 4.79 },
      feesUnvalued: [],
    });
  });

  it('values a third-asset fee at what its reporter gave it, and lists it apart when nothing does', () => {
    const order = aSmartOrder('SELL', { takeProfits: [{ price: 90, sizePct: 100 }] });
    const given = exchangeOnly.history(
      order,
      withFee(trade(entryCid, 100, 1, 2), 0.0002, 'BNB', 0.06),
      tick(90, 10),
    );
    exchangeOnly
      .given(given)
      .when(withFee(trade(tpCid(1), 90, 1, 11), 0.0001, 'BNB'))
      .then([
        event('TpFilled', 11, {
          level: 1,
          price: 90,
          quantity: 1,
          clientOrderId: tpCid(1),
          fee: { amount: 0.0001, asset: 'BNB' },
        }),
        event('OcoCancelled', 11, {
          reason: 'ALL_TP_FILLED',
          levels: [],
          stopLoss: true,
          entry: false,
          clientOrderIds: [],
        }),
        event('SmartOrderClosed', 11, {
          realisedPnl: { gross: 10, fees: 0.06, net: 9.94 },
          feesUnvalued: [{ asset: 'BNB', amount: 0.0001 }],
          dust: 0,
        }),
      ]);
  });

  it('counts a contract’s fees in its settlement asset, and withholds nothing from its position', () => {
    const order = aSmartOrder('BUY', { symbol: 'BTC/USDT:USDT' });
    const s = exchangeOnly
      .given(exchangeOnly.history(order))
      .when(withFee(trade(entryCid, 100, 1, 2), 0.04, 'USDT'))
      .then([
        event('EntryFilled', 2, {
          price: 100,
          quantity: 1,
          takeProfitQuantities: [0.4, 0.35, 0.25],
          clientOrderId: entryCid,
          fee: { amount: 0.04, asset: 'USDT' },
          netQuantity: 1,
        }),
      ]) as OrderState;
    expect({ open: s.openQuantity, fees: s.fees, entryFees: s.entryFees }).toEqual({
      open: 1,
      fees: 0.04,
      entryFees: 0.04,
    });
  });
});
