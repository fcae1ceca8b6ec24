import { foldOpenOrders } from './openOrders';

describe('the open-orders index used on restart', () => {
  it('holds every created order until its terminal event, and ignores other streams', () => {
    const open = [
      { orderId: 'a', type: 'SmartOrderCreated' },
      { orderId: 'b', type: 'SmartOrderCreated' },
      { orderId: 'c', type: 'SmartOrderCreated' },
      { orderId: null, type: 'KillSwitchTripped' },
      { orderId: 'a', type: 'TpFilled' },
      { orderId: 'b', type: 'SmartOrderStopped' },
      { orderId: 'c', type: 'SmartOrderCancelled' },
      { orderId: 'd', type: 'SmartOrderCreated' },
      { orderId: 'd', type: 'SmartOrderClosed' },
    ].reduce(foldOpenOrders, new Set<string>());
    expect([...open]).toEqual(['a']);
  });
});
