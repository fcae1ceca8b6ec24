import { testVenue } from './testing/testVenue';

const exit = (clientOrderId: string, type: 'LIMIT' | 'MARKET', quantity: number) => ({
  clientOrderId,
  orderId: 'o-1',
  symbol: 'BTC/USDT',
  side: 'SELL' as const,
  type,
  quantity,
  ...(type === 'LIMIT' ? { price: 52000 } : { triggerPrice: 48000 }),
  reduceOnly: true,
  ts: 1,
});
const resting = {
  symbol: 'BTCUSDT',
  orderId: 30,
  clientOrderId: 'sot1r0k3j9x2ab7qfe41mz',
  transactTime: 1,
  price: '52000.00',
  origQty: '0.01000',
  executedQty: '0.00000',
  cummulativeQuoteQty: '0',
  status: 'NEW',
  timeInForce: 'GTC',
  type: 'LIMIT',
  side: 'SELL',
};
const account = (free: string, locked: string) => ({ balances: [{ asset: 'BTC', free, locked }] });

describe('spot exits and the balance they lock', () => {
  it('refuses an exit that needs the coins a resting exit holds, naming it, before sending', async () => {
    const { http, exchange } = testVenue('binance', [
      { method: 'POST', path: '/api/v3/order', answers: [{ body: resting }] },
      { method: 'GET', path: '/api/v3/account', answers: [{ body: account('0.002', '0.01') }] },
    ]);
    await exchange.place(exit('sot1r0k3j9x2ab7qfe41mz', 'LIMIT', 0.01));
    const refused = await exchange.place(exit('sos2r0k3j9x2ab7qfe41mz', 'MARKET', 0.01));
    expect(refused).toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: expect.stringContaining('SPOT_BALANCE_LOCKED') },
    });
    expect(refused._tag === 'Left' && refused.left.message).toContain(
      'sot1r0k3j9x2ab7qfe41mz (0.01)',
    );
    expect(http.to('POST', '/api/v3/order')).toHaveLength(1);
  });

  it('lets an exit go when the free balance covers it, and asks nothing while no exit rests', async () => {
    const { http, exchange } = testVenue('binance', [
      {
        method: 'POST',
        path: '/api/v3/order',
        answers: [{ body: { ...resting, type: 'MARKET', status: 'FILLED' } }],
      },
    ]);
    await exchange.place(exit('sos2r0k3j9x2ab7qfe41mz', 'MARKET', 0.01));
    expect(http.to('GET', '/api/v3/account')).toHaveLength(0);
    expect(http.to('POST', '/api/v3/order')).toHaveLength(1);
  });
});
