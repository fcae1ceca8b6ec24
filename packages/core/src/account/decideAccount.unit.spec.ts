import { isLeft } from 'fp-ts/Either';
import { AccountEventCodec } from './accountEvent';
import {
  accountSpec,
  accountState,
  BTC,
  fill,
  manualTrip,
  T,
  tick,
} from './accountFixtures.spec.helper';
import type { AccountCommand } from './accountCommand';
import { initialAccountState } from './accountState';
import { decideAccount } from './decideAccount';

describe('decideAccount', () => {
  const spec = accountSpec({ dailyLossLimit: 100 });

  it('names every wrong field of a command and the rule', () => {
    const error = spec
      .given()
      .when({
        type: 'FillObserved',
        ts: -1,
        orderId: 'o-1',
        symbol: 'BTCUSDT',
        side: 'HOLD',
        price: 0,
        quantity: 1,
        reduceOnly: 'no',
        extra: 1,
      } as unknown as AccountCommand)
      .thenRejects('VALIDATION_FAILED');
    expect(error.issues.map((i) => i.path)).toEqual([
      'extra',
      'ts',
      'symbol',
      'side',
      'price',
      'reduceOnly',
    ]);
    expect(error.message).toContain('side: must be "BUY" or "SELL", got "HOLD"');
  });

  it('refuses an unknown command type, listing the known ones', () => {
    spec
      .given()
      .when({ type: 'Explode', ts: T } as unknown as AccountCommand)
      .thenRejects('VALIDATION_FAILED', 'type: must be one of "AccountTick", "FillObserved"');
  });

  it.each([
    ['a NaN price', { type: 'AccountTick', ts: T, symbol: BTC, price: Number.NaN }],
    ['a fractional ts', { type: 'AccountTick', ts: T + 0.5, symbol: BTC, price: 1 }],
    ['an unknown field', { type: 'AccountTick', ts: T, symbol: BTC, price: 1, bid: 1 }],
    [
      'a mark keyed by no symbol',
      { type: 'AccountTick', ts: T, symbol: BTC, price: 1, marks: { constructor: 1 } },
    ],
  ])('refuses a tick with %s', (_what, command) => {
    const result = decideAccount(command as AccountCommand, accountState());
    expect(isLeft(result) && result.left.code).toBe('VALIDATION_FAILED');
  });

  it('decides events that survive JSON and decode at the store boundary', () => {
    const events = spec.history(fill(T, 'BUY', 100, 2), tick(T + 1, 40), manualTrip(T + 2));
    expect(events.length).toBeGreaterThan(3);
    for (const e of events) {
      const decoded = AccountEventCodec.decode(JSON.parse(JSON.stringify(e)));
      expect(decoded).toEqual({ _tag: 'Right', right: e });
    }
    expect(isLeft(AccountEventCodec.decode({ type: 'constructor', ts: T, data: {} }))).toBe(true);
  });
});

describe('initialAccountState', () => {
  it('names every invalid field of the risk config', () => {
    const result = initialAccountState('acc 1', {});
    expect(result._tag === 'Left' && result.left.issues).toEqual([
      { path: 'accountId', rule: 'must be 1..64 characters of [A-Za-z0-9_-], got "acc 1"' },
    ]);
    const risk = initialAccountState('acc-1', {
      dailyLossLimit: -5,
      sessionStart: '08:00 Mars/Olympus',
      maxPosition: { BTCUSDT: 1 },
      limitPriceBandBps: 10_000,
    } as never);
    expect(risk._tag === 'Left' && risk.left.issues.map((i) => i.path)).toEqual([
      'risk.dailyLossLimit',
      'risk.sessionStart',
      'risk.maxPosition.BTCUSDT',
      'risk.limitPriceBandBps',
    ]);
  });

  it('starts ACTIVE, with the gate open and nothing held', () => {
    expect(accountState({ sessionStart: '08:00 Europe/London' })).toMatchObject({
      tradingState: 'ACTIVE',
      gate: 'OPEN',
      killSwitch: null,
      positions: {},
      version: 0,
      sessionStart: { hour: 8, minute: 0, zone: { kind: 'IANA', name: 'Europe/London' } },
    });
  });
});
