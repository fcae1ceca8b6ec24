import type { IncomingMessage, ServerResponse } from 'node:http';
import { domainError } from '@smart-orders/core';
import { orderStream, type Engine, type EventStore } from '@smart-orders/engine';
import { applyCommand } from '../applyCommand';
import type { Market } from '../market/market';
import type { PriceHistory } from '../market/priceHistory';
import type { OrderBoard } from '../orderBoard';
import type { OrderChange, OrderDetail, OrderList } from '../panelApi';
import { domainFailure, httpError, type ApiFailure } from './apiError';
import { createOrderInput, isOrderAction, orderActionInput } from './commandRequests';
import { ABORTED, isFailure, parseJsonObject, readBody, sendJson } from './httpMessages';
import type { RequestGuard } from './requestGuard';
import { replayChange } from './replayChange';
import { checkSignalToken, signalOf } from './signals';

export interface ApiContext {
  readonly engine: Engine;
  readonly store: EventStore;
  readonly board: OrderBoard;
  readonly market: Market;
  readonly prices: PriceHistory;
  readonly guard: RequestGuard;
  readonly exchangeId: string;
  readonly onWarning: (message: string) => void;
  /** The server's token: signals need it in every mode (absent: signals are refused). */
  readonly token: string | undefined;
  /** Cancel signals already applied, by signal id (creates are known by their order). */
  readonly cancelSignals: Set<string>;
}

/** How far before an order's creation its chart starts, and how many price points it gets. */
const CHART_LEAD_MS = 60_000;
const CHART_POINTS = 3_000;

type Answer = { readonly status: number; readonly body: unknown } | ApiFailure | typeof ABORTED;

const notFound = (what: string): ApiFailure =>
  httpError(404, 'NOT_FOUND', `${what} is not part of the API; see docs/serve.md`);

const orderDetail = async (ctx: ApiContext, orderId: string): Promise<Answer> => {
  const order = ctx.board.view(orderId);
  if (order === undefined)
    return domainFailure(
      domainError('ORDER_NOT_FOUND', orderId, `orderId: no smart order ${orderId}`),
    );
  const events = await ctx.store.readStream(orderStream(orderId));
  const from = (events[0]?.ts ?? 0) - CHART_LEAD_MS;
  const body: OrderDetail = {
    order,
    events,
    prices: ctx.prices.read(order.symbol, from, CHART_POINTS),
  };
  return { status: 200, body };
};

const apply = async (
  ctx: ApiContext,
  input: unknown,
  orderId: string | null,
  created: boolean,
): Promise<Answer> => {
  const result = await applyCommand(ctx.engine, ctx.market, input);
  if (result._tag === 'Left') return domainFailure(result.left);
  const id = orderId ?? (input as { orderId: string }).orderId;
  const body: OrderChange = { order: ctx.board.view(id) ?? null, events: result.right };
  return { status: created ? 201 : 200, body };
};

const MAX_CANCEL_SIGNALS = 10_000;

/**
 * A signal is applied once: a create whose order exists (an alert sent again, even after a
 * restart) or a cancel already applied answers 200 with `duplicate: true` and stores nothing.
 */
const signal = async (ctx: ApiContext, req: IncomingMessage): Promise<Answer> => {
  const unjson = ctx.guard.checkJson(req);
  if (unjson !== null) return unjson;
  const text = await readBody(req);
  if (text === ABORTED || isFailure(text)) return text;
  const body = parseJsonObject(text);
  if (isFailure(body)) return body;
  const refused = checkSignalToken(req, body, ctx.token);
  if (refused !== null) return refused;
  const decoded = signalOf(body, { ts: ctx.market.commandTs(), exchange: ctx.exchangeId });
  if (decoded._tag === 'Left') return decoded.left;
  const s = decoded.right;
  const exists = async () => (await ctx.store.readStream(orderStream(s.orderId))).length > 0;
  const duplicate = (): Answer => ({
    status: 200,
    body: {
      signal: { signalId: s.signalId, action: s.action, duplicate: true },
      order: ctx.board.view(s.orderId) ?? null,
      events: [],
    },
  });
  if (s.action === 'create' ? await exists() : ctx.cancelSignals.has(s.signalId))
    return duplicate();
  const result = await applyCommand(ctx.engine, ctx.market, s.input);
  if (result._tag === 'Left')
    // The same alert posted twice at once: its twin created the order first.
    return s.action === 'create' && (await exists()) ? duplicate() : domainFailure(result.left);
  if (s.action === 'cancel') {
    ctx.cancelSignals.add(s.signalId);
    // The oldest are forgotten: a repeat that late meets the order already cancelled (409).
    if (ctx.cancelSignals.size > MAX_CANCEL_SIGNALS)
      ctx.cancelSignals.delete(ctx.cancelSignals.values().next().value as string);
  }
  return {
    status: s.action === 'create' ? 201 : 200,
    body: {
      signal: { signalId: s.signalId, action: s.action, duplicate: false },
      order: ctx.board.view(s.orderId) ?? null,
      events: result.right,
    },
  };
};

const change = async (ctx: ApiContext, req: IncomingMessage, path: string): Promise<Answer> => {
  if (path === '/api/signals') return signal(ctx, req);
  const refused = ctx.guard.checkChange(req);
  if (refused !== null) return refused;
  const text = await readBody(req);
  if (text === ABORTED || isFailure(text)) return text;
  const body = parseJsonObject(text);
  if (isFailure(body)) return body;
  if (path === '/api/orders') {
    const input = createOrderInput(body, { ts: ctx.market.commandTs(), exchange: ctx.exchangeId });
    return input._tag === 'Left' ? input.left : apply(ctx, input.right, null, true);
  }
  if (path === '/api/replay') {
    if (ctx.market.control === null)
      return httpError(
        409,
        'NOT_A_REPLAY',
        'this server trades live: there is no replay to pause or speed up',
      );
    const wanted = replayChange(body);
    if (isFailure(wanted)) return wanted;
    ctx.market.control(wanted);
    return { status: 200, body: ctx.market.status() };
  }
  const action = /^\/api\/orders\/([^/]+)\/([a-z-]+)$/.exec(path);
  if (action === null || !isOrderAction(action[2] as string)) return notFound(`POST ${path}`);
  const orderId = decodeURIComponent(action[1] as string);
  const input = orderActionInput(
    action[2] as Parameters<typeof orderActionInput>[0],
    orderId,
    body,
    ctx.market.commandTs(),
  );
  return input._tag === 'Left' ? input.left : apply(ctx, input.right, orderId, false);
};

const read = async (ctx: ApiContext, path: string): Promise<Answer> => {
  if (path === '/api/orders') {
    const body: OrderList = { position: ctx.board.position(), orders: ctx.board.views() };
    return { status: 200, body };
  }
  if (path === '/api/market') return { status: 200, body: ctx.market.status() };
  const one = /^\/api\/orders\/([^/]+)$/.exec(path);
  if (one !== null) return orderDetail(ctx, decodeURIComponent(one[1] as string));
  return notFound(`GET ${path}`);
};

/**
 * The HTTP API (docs/serve.md): reads are GETs; every change is a POST of a JSON object,
 * decoded by the core's codecs, and answers with the order's view and the events it stored.
 */
export const handleApi = async (
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> => {
  let answer: Answer;
  try {
    if (req.method === 'GET' || req.method === 'HEAD') answer = await read(ctx, path);
    else if (req.method === 'POST') answer = await change(ctx, req, path);
    else
      answer = httpError(
        405,
        'METHOD_NOT_ALLOWED',
        `${req.method ?? '?'} ${path}: the API takes GET and POST`,
      );
  } catch (e) {
    if (e instanceof URIError) answer = httpError(400, 'INVALID_PATH', `not a valid path: ${path}`);
    else {
      ctx.onWarning(
        `internal error on ${req.method ?? '?'} ${path}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      answer = httpError(500, 'INTERNAL', 'internal error; the server log says more');
    }
  }
  if (answer === ABORTED) return void res.destroy();
  if ('error' in answer)
    sendJson(
      res,
      answer.status,
      answer.error,
      answer.status === 405
        ? { allow: 'GET, POST' }
        : // The rest of a body too large is never read: the connection cannot carry another request.
          answer.status === 413
          ? { connection: 'close' }
          : {},
    );
  else sendJson(res, answer.status, answer.body);
  if (answer !== null && 'error' in answer && answer.status === 413)
    res.on('finish', () => req.destroy());
};
