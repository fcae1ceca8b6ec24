import type { BinanceError } from './binanceError';

/** A JSON request on a WebSocket: stream control (`SUBSCRIBE`) or a WebSocket API call. */
export interface WsRequest {
  readonly method?: unknown;
  readonly params?: unknown;
  readonly id?: unknown;
}

/** What a market-stream connection subscribes to; stream names are kept in lower case. */
export interface StreamSubscriptions {
  readonly streams: Set<string>;
  readonly combined: boolean;
}

/** Binance's stream control messages; the answer to send back. */
export const answerStreamRequest = (c: StreamSubscriptions, msg: WsRequest): unknown => {
  const id = msg.id ?? null;
  const names = Array.isArray(msg.params)
    ? msg.params.filter((p): p is string => typeof p === 'string')
    : [];
  switch (msg.method) {
    case 'SUBSCRIBE':
      names.forEach((n) => c.streams.add(n.toLowerCase()));
      return { result: null, id };
    case 'UNSUBSCRIBE':
      names.forEach((n) => c.streams.delete(n.toLowerCase()));
      return { result: null, id };
    case 'LIST_SUBSCRIPTIONS':
      return { result: [...c.streams], id };
    case 'SET_PROPERTY':
      return { result: null, id };
    case 'GET_PROPERTY':
      return { result: c.combined, id };
    default:
      return {
        error: {
          code: 2,
          msg: 'Invalid request: method must be SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY or GET_PROPERTY',
        },
        id,
      };
  }
};

export interface WsApiSession {
  /** The connection's user-data subscriptions. */
  readonly subscriptions: Set<number>;
  readonly nextSubscriptionId: () => number;
  readonly authorize: (params: Readonly<Record<string, unknown>>) => BinanceError | null;
  readonly now: () => number;
}

const WS_API_METHODS = [
  'userDataStream.subscribe.signature',
  'userDataStream.unsubscribe',
  'ping',
  'time',
];

/** The part of Binance's WebSocket API that ccxt.pro uses for spot user data; the answer to send back. */
export const answerWsApiRequest = (session: WsApiSession, msg: WsRequest): unknown => {
  const id = msg.id ?? null;
  const params =
    typeof msg.params === 'object' && msg.params !== null
      ? (msg.params as Record<string, unknown>)
      : {};
  const answer = (result: unknown) => ({ id, status: 200, result, rateLimits: [] });
  const refuse = (e: Pick<BinanceError, 'status' | 'code' | 'msg'>) => ({
    id,
    status: e.status,
    error: { code: e.code, msg: e.msg },
  });
  switch (msg.method) {
    case 'userDataStream.subscribe.signature': {
      const denied = session.authorize(params);
      if (denied !== null) return refuse(denied);
      const subscriptionId = session.nextSubscriptionId();
      session.subscriptions.add(subscriptionId);
      return answer({ subscriptionId });
    }
    case 'userDataStream.unsubscribe':
      if (typeof params['subscriptionId'] === 'number')
        session.subscriptions.delete(params['subscriptionId']);
      else session.subscriptions.clear();
      return answer({});
    case 'ping':
      return answer({});
    case 'time':
      return answer({ serverTime: session.now() });
    default:
      return refuse({
        status: 400,
        code: -1100,
        msg: `Unknown method '${String(msg.method)}'; the venue's WebSocket API serves ${WS_API_METHODS.join(', ')}`,
      });
  }
};
