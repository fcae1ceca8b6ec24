import type { Answer, Route } from './fakeHttp';
import { wireClientOrderId } from '../wireClientOrderId';

/**
 * A create whose answer is lost, and lookups that find nothing until `visible()`, on the wire
 * of each venue as ccxt speaks it (bodies as the venues answer, trimmed to what ccxt reads).
 */
export type LostCreateVenue = 'binance' | 'kraken' | 'bybit' | 'bitget' | 'kucoin';

export interface LostCreateWire {
  readonly createPath: string;
  readonly createdBody: unknown;
  /** The routes of one lookup; `onLook` is called once per lookup, before it is answered. */
  lookups(onLook: () => Answer | undefined, visible: () => boolean): Route[];
}

export const lostCreateClientOrderId = 'sot1r0k3j9x2ab7qfe41mz';
const cid = lostCreateClientOrderId;
const ts = 1_700_000_000_100;

const bybitList = (items: unknown[]) => ({
  retCode: 0,
  retMsg: 'OK',
  result: { category: 'spot', list: items, nextPageCursor: '' },
  retExtInfo: {},
  time: ts,
});
const bybitOrder = {
  symbol: 'BTCUSDT',
  orderType: 'Limit',
  orderLinkId: cid,
  orderId: '1321003749386327552',
  avgPrice: '',
  orderStatus: 'New',
  cumExecValue: '0',
  cumExecQty: '0',
  leavesQty: '0.01',
  price: '50000',
  qty: '0.01',
  side: 'Buy',
  timeInForce: 'GTC',
  createdTime: String(ts),
  updatedTime: String(ts),
};
const krakenWire = (wireClientOrderId('kraken', cid) as { right: string }).right;
const krakenOpen = {
  refid: null,
  userref: 0,
  cl_ord_id: krakenWire,
  status: 'open',
  opentm: ts / 1000,
  starttm: 0,
  expiretm: 0,
  descr: { pair: 'XBTUSDT', type: 'buy', ordertype: 'limit', price: '50000', price2: '0' },
  vol: '0.01000000',
  vol_exec: '0.00000000',
  cost: '0',
  fee: '0',
  price: '0',
  stopprice: '0',
  limitprice: '0',
  misc: '',
  oflags: 'fciq',
};
const kucoinOrder = {
  id: '5bd6e9286d99522a52e458de',
  symbol: 'BTC-USDT',
  opType: 'DEAL',
  type: 'limit',
  side: 'buy',
  price: '50000',
  size: '0.01',
  funds: '0',
  dealFunds: '0',
  dealSize: '0',
  fee: '0',
  feeCurrency: 'USDT',
  timeInForce: 'GTC',
  clientOid: cid,
  isActive: true,
  cancelExist: false,
  createdAt: ts,
};
const bitgetOrder = {
  userId: '1',
  symbol: 'BTCUSDT',
  orderId: '1001',
  clientOid: cid,
  price: '50000',
  size: '0.01',
  orderType: 'limit',
  side: 'buy',
  status: 'live',
  priceAvg: '0',
  baseVolume: '0',
  quoteVolume: '0',
  cTime: String(ts),
  uTime: String(ts),
};
const binanceOrder = {
  symbol: 'BTCUSDT',
  orderId: 28,
  clientOrderId: cid,
  transactTime: ts,
  price: '50000.00',
  origQty: '0.01000',
  executedQty: '0.00000',
  cummulativeQuoteQty: '0.00',
  status: 'NEW',
  timeInForce: 'GTC',
  type: 'LIMIT',
  side: 'BUY',
  updateTime: ts,
};

export const LOST_CREATE_WIRES: Record<LostCreateVenue, LostCreateWire> = {
  binance: {
    createPath: '/api/v3/order',
    createdBody: binanceOrder,
    lookups: (onLook, visible) => [
      {
        method: 'GET',
        path: '/api/v3/order',
        answers: [
          () =>
            onLook() ??
            (visible()
              ? { body: binanceOrder }
              : { status: 400, body: { code: -2013, msg: 'Order does not exist.' } }),
        ],
      },
    ],
  },
  kraken: {
    createPath: '/0/private/AddOrder',
    createdBody: {
      error: [],
      result: { descr: { order: 'buy 0.01 XBTUSDT @ limit 50000' }, txid: ['OUF4EM-FRGI2-MQMWZD'] },
    },
    lookups: (onLook, visible) => [
      {
        method: 'POST',
        path: '/0/private/OpenOrders',
        answers: [
          () =>
            onLook() ?? {
              body: {
                error: [],
                result: { open: visible() ? { 'OUF4EM-FRGI2-MQMWZD': krakenOpen } : {} },
              },
            },
        ],
      },
      {
        method: 'POST',
        path: '/0/private/ClosedOrders',
        answers: [{ body: { error: [], result: { closed: {}, count: 0 } } }],
      },
    ],
  },
  bybit: {
    createPath: '/v5/order/create',
    createdBody: {
      retCode: 0,
      retMsg: 'OK',
      result: { orderId: bybitOrder.orderId, orderLinkId: cid },
      retExtInfo: {},
      time: ts,
    },
    lookups: (onLook, visible) => [
      {
        method: 'GET',
        path: '/v5/order/realtime',
        answers: [() => onLook() ?? { body: bybitList(visible() ? [bybitOrder] : []) }],
      },
      { method: 'GET', path: '/v5/order/history', answers: [{ body: bybitList([]) }] },
    ],
  },
  bitget: {
    createPath: '/api/v2/spot/trade/place-order',
    createdBody: {
      code: '00000',
      msg: 'success',
      requestTime: ts,
      data: { orderId: '1001', clientOid: cid },
    },
    lookups: (onLook, visible) => [
      {
        method: 'GET',
        path: '/api/v2/spot/trade/orderInfo',
        answers: [
          () =>
            onLook() ??
            (visible()
              ? { body: { code: '00000', msg: 'success', requestTime: ts, data: [bitgetOrder] } }
              : {
                  status: 400,
                  body: {
                    code: '40109',
                    msg: 'The data of the order cannot be found, please confirm the order number',
                    requestTime: ts,
                    data: null,
                  },
                }),
        ],
      },
    ],
  },
  kucoin: {
    createPath: '/api/v1/orders',
    createdBody: { code: '200000', data: { orderId: kucoinOrder.id } },
    lookups: (onLook, visible) => [
      {
        method: 'GET',
        path: `/api/v1/order/client-order/${cid}`,
        answers: [
          () => onLook() ?? { body: { code: '200000', data: visible() ? kucoinOrder : null } },
        ],
      },
    ],
  },
};
