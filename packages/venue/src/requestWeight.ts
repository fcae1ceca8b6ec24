import type { Params } from './orderRequest';

/**
 * The weight Binance spot charges a request against REQUEST_WEIGHT (its documented weights, for
 * the routes the venue serves): polling every market without a symbol is dear, an order is cheap.
 * A route the venue does not know weighs 1.
 */
export const requestWeight = (route: string, params: Params): number => {
  const all = params['symbol'] === undefined;
  switch (route) {
    case 'GET /api/v3/openOrders':
      return all ? 80 : 6;
    case 'GET /api/v3/ticker/24hr':
      return all && params['symbols'] === undefined ? 80 : 2;
    case 'GET /api/v3/ticker/bookTicker':
    case 'GET /api/v3/ticker/price':
      return all ? 4 : 2;
    case 'GET /api/v3/exchangeInfo':
    case 'GET /api/v3/account':
    case 'GET /api/v3/allOrders':
    case 'GET /api/v3/myTrades':
      return 20;
    case 'GET /api/v3/depth':
      return 5;
    case 'GET /api/v3/order':
      return 4;
    case 'POST /api/v3/userDataStream':
    case 'PUT /api/v3/userDataStream':
    case 'DELETE /api/v3/userDataStream':
      return 2;
    default:
      return 1;
  }
};
