import { decodeCommand } from '../decide';

const messageOf = (input: unknown): string => {
  const decoded = decodeCommand(input);
  return decoded._tag === 'Left' ? decoded.left.message : 'decoded';
};

describe('decoding commands: every field that is wrong is named with its rule', () => {
  it('needs an object with a known type', () => {
    expect(messageOf(null)).toBe(
      'must be one of "CreateSmartOrder", "ModifyStopLoss", "ModifyTrailing", "ToggleBreakEven", "Cancel", "Tick", "Timer", "ExecutionReport", got nothing',
    );
    expect(messageOf({ type: 'Buy' })).toBe(
      'type: must be one of "CreateSmartOrder", "ModifyStopLoss", "ModifyTrailing", "ToggleBreakEven", "Cancel", "Tick", "Timer", "ExecutionReport", got "Buy"',
    );
  });

  it('keeps the order id of a rejected command when it has one', () => {
    const decoded = decodeCommand({ type: 'Cancel', orderId: 'o-1', ts: 'now' });
    expect(decoded._tag === 'Left' && decoded.left).toMatchObject({
      code: 'VALIDATION_FAILED',
      orderId: 'o-1',
      issues: [{ path: 'ts', rule: 'must be an epoch-millisecond integer >= 0, got "now"' }],
    });
  });

  it('decodes each live command and refuses unknown fields', () => {
    expect(messageOf({ type: 'ModifyStopLoss', orderId: 'o-1', ts: 1, price: 99 })).toBe('decoded');
    expect(messageOf({ type: 'ModifyTrailing', orderId: 'o-1', ts: 1, callbackRate: 0.01 })).toBe(
      'decoded',
    );
    expect(messageOf({ type: 'ToggleBreakEven', orderId: 'o-1', ts: 1, enabled: true })).toBe(
      'decoded',
    );
    expect(
      messageOf({ type: 'Cancel', orderId: 'o-1', ts: 1, flatten: true, lastPrice: 100 }),
    ).toBe('decoded');
    expect(messageOf({ type: 'Cancel', orderId: 'o-1', ts: 1, force: true })).toBe(
      'force: unknown field',
    );
    expect(messageOf({ type: 'ToggleBreakEven', orderId: 'o-1', ts: 1, enabled: 'yes' })).toBe(
      'enabled: must be true or false, got "yes"',
    );
  });

  it('a tick needs a symbol, a timestamp and a price, a bid or an ask', () => {
    expect(messageOf({ type: 'Tick', symbol: 'BTC/USDT', ts: 1, price: 100 })).toBe('decoded');
    expect(messageOf({ type: 'Tick', symbol: 'BTC/USDT', ts: 1, bid: 100 })).toBe('decoded');
    expect(messageOf({ type: 'Tick', symbol: 'BTC/USDT', ts: 1 })).toBe(
      'a tick needs a price, a bid or an ask',
    );
    expect(messageOf({ type: 'Tick', symbol: 'BTC/USDT', ts: 1, price: 0 })).toBe(
      'price: must be a finite number > 0, got 0',
    );
    expect(messageOf({ type: 'Tick', ts: 1.5, price: 100 })).toBe(
      'symbol: is required; ts: must be an epoch-millisecond integer >= 0, got 1.5',
    );
  });

  it('an execution report names its exec type', () => {
    expect(
      messageOf({
        type: 'ExecutionReport',
        orderId: 'o-1',
        ts: 1,
        clientOrderId: 'x',
        execType: 'TRADE',
        lastPrice: 1,
        cumulativeQuantity: 1,
      }),
    ).toBe('decoded');
    expect(
      messageOf({
        type: 'ExecutionReport',
        orderId: 'o-1',
        ts: 1,
        clientOrderId: '',
        execType: 'NEW',
      }),
    ).toBe('clientOrderId: must be a non-empty string of at most 200 characters, got ""');
  });
});

describe('decoding values JSON cannot print', () => {
  it('names a BigInt, a cycle or an object without a prototype instead of throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(messageOf({ type: 1n })).toMatch(/, got 1n$/);
    expect(messageOf({ type: 'Tick', symbol: 'BTC/USDT', ts: 1n, price: 1 })).toBe(
      'ts: must be an epoch-millisecond integer >= 0, got 1n',
    );
    expect(messageOf({ type: 'Cancel', orderId: 'o-1', ts: 1, flatten: cyclic })).toBe(
      'flatten: must be true or false, got [object Object]',
    );
    expect(messageOf({ type: 'Cancel', orderId: 'o-1', ts: 1, flatten: Object.create(null) })).toBe(
      'flatten: must be true or false, got {}',
    );
    expect(messageOf({ type: 'Cancel', orderId: Symbol('o'), ts: 1 })).toBe(
      'orderId: must be 1..64 characters of [A-Za-z0-9_-], got Symbol(o)',
    );
    expect(messageOf({ type: 'CreateSmartOrder', takeProfits: { n: 5n } })).toContain(
      'takeProfits: must be a list of 1..20 items, got [object Object]',
    );
  });
});
