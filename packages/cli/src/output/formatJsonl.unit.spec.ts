import { formatJsonl } from './formatJsonl';

describe('formatJsonl', () => {
  it('writes the envelope on one line, keys in the order of EVENTS.md whatever the input order', () => {
    const line = formatJsonl({
      data: { level: 1, price: 105, quantity: 0.4, clientOrderId: 'c-1' },
      type: 'TpFilled',
      ts: 1700000000000,
      version: 3,
      orderId: 'o-1',
      stream: 'smart-order-o-1',
      position: 7,
    });
    expect(line).toBe(
      '{"position":7,"stream":"smart-order-o-1","orderId":"o-1","version":3,"ts":1700000000000,"type":"TpFilled","data":{"level":1,"price":105,"quantity":0.4,"clientOrderId":"c-1"}}',
    );
  });

  it('keeps a null order id for account events', () => {
    const line = formatJsonl({
      position: 1,
      stream: 'account-default',
      orderId: null,
      version: 1,
      ts: 5,
      type: 'KillSwitchTripped',
      data: { reason: 'MANUAL' },
    });
    expect(JSON.parse(line)).toEqual({
      position: 1,
      stream: 'account-default',
      orderId: null,
      version: 1,
      ts: 5,
      type: 'KillSwitchTripped',
      data: { reason: 'MANUAL' },
    });
  });
});
