import { parseOrderRequest } from './orderRequest';

const refusal = (params: Record<string, string>) => {
  const parsed = parseOrderRequest(params);
  return parsed._tag === 'Left' ? parsed.left : null;
};

describe('parseOrderRequest', () => {
  const limit = {
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: '1',
    price: '100',
  };

  it('reads a limit order, FULL answers by default', () => {
    expect(parseOrderRequest({ ...limit, newClientOrderId: 'soe0r0abc' })).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        side: 'BUY',
        type: 'LIMIT',
        quantity: 1,
        price: 100,
        newClientOrderId: 'soe0r0abc',
        responseType: 'FULL',
      }),
    });
  });

  it('refuses what Binance refuses, with its codes', () => {
    expect(refusal({ ...limit, price: '' })).toEqual({
      status: 400,
      code: -1102,
      msg: "Mandatory parameter 'price' was not sent, was empty/null, or malformed.",
    });
    expect(refusal({ ...limit, side: 'LONG' })?.code).toBe(-1117);
    expect(refusal({ ...limit, type: 'STOP' })?.code).toBe(-1116);
    expect(refusal({ ...limit, quantity: '1e3' })?.code).toBe(-1100);
    expect(refusal({ ...limit, newClientOrderId: 'has space' })?.code).toBe(-1100);
    expect(refusal({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET' })?.code).toBe(-1102);
    expect(
      refusal({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '1', price: '100' }),
    ).toEqual({
      status: 400,
      code: -1106,
      msg: "Parameter 'price' sent when not required.",
    });
    expect(refusal({ ...limit, type: 'STOP_LOSS_LIMIT' })?.msg).toMatch(/'stopPrice'/);
  });
});
