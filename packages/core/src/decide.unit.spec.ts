import { event } from './events/orderEvent';
import { activeOrder, exchangeOnly, stopCid } from './testing/fixtures.spec.helper';
import type { Command } from './commands/command';

const raw = (u: unknown): Command => u as Command;

describe('decide checks what it is given, even past the codecs', () => {
  it('refuses a tick whose timestamp is not an epoch-millisecond integer', () => {
    for (const ts of [Number.NaN, 1.5, -1, Infinity, '10']) {
      exchangeOnly
        .given(activeOrder('BUY'))
        .when(raw({ type: 'Tick', symbol: 'BTC/USDT', ts, price: 90 }))
        .thenRejects('VALIDATION_FAILED', 'ts: must be an epoch-millisecond integer >= 0');
    }
  });

  it('refuses a tick whose price is not a positive number', () => {
    exchangeOnly
      .given(activeOrder('BUY'))
      .when(raw({ type: 'Tick', symbol: 'BTC/USDT', ts: 10, price: -90 }))
      .thenRejects('VALIDATION_FAILED', 'price: must be a finite number > 0, got -90');
  });

  it('decides a plain tick', () => {
    exchangeOnly
      .given(activeOrder('BUY'))
      .when(raw({ type: 'Tick', symbol: 'BTC/USDT', ts: 10, price: 90 }))
      .then([
        event('StopLossTriggered', 10, {
          kind: 'STOP_LOSS',
          stopPrice: 95,
          price: 90,
          quantity: 1,
          clientOrderId: stopCid(),
        }),
        event('OcoCancelled', 10, {
          reason: 'STOP_LOSS',
          levels: [1, 2, 3],
          stopLoss: false,
          entry: false,
          clientOrderIds: [],
        }),
      ]);
  });

  it('acts on no tick the recording flags as not the market (SEMANTICS §9.4)', () => {
    exchangeOnly
      .given(activeOrder('BUY'))
      .when({ type: 'Tick', symbol: 'BTC/USDT', ts: 10, price: 90, quantity: 1, offMarket: true })
      .then([]);
  });

  it('accepts the sizes and the id a recording carries', () => {
    exchangeOnly
      .given(activeOrder('BUY'))
      .when({ type: 'Tick', symbol: 'BTC/USDT', ts: 10, price: 99, quantity: 0.1, id: '42' })
      .then([]);
  });

  it('refuses a live command that bypassed the codec', () => {
    exchangeOnly
      .given(activeOrder('BUY'))
      .when(raw({ type: 'ModifyStopLoss', orderId: 'o-1', ts: 10, price: '96' }))
      .thenRejects('VALIDATION_FAILED', 'price: must be a finite number > 0, got "96"');
  });
});
