import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { left, right, type Either } from 'fp-ts/Either';
import { issue, OrderId, validationFailed, type ValidationIssue } from '@smart-orders/core';
import { domainFailure, httpError, type ApiFailure } from './apiError';
import { createOrderInput, orderActionInput } from './commandRequests';

/**
 * `POST /api/signals` (docs/serve.md "Signals"): an alert from TradingView or any system that
 * can only POST a JSON text. TradingView sends no headers of its own, so the token may come in
 * the body as well as in `Authorization: Bearer`.
 *
 * - `{"signalId", "token", "action": "create", …a CreateSmartOrder's fields}`: the signal id
 *   becomes the order id, so a repeated alert finds its order and creates nothing;
 * - `{"signalId", "token", "action": "cancel", "orderId", "flatten"?}`.
 */
export interface Signal {
  readonly signalId: string;
  readonly action: 'create' | 'cancel';
  /** The command's input, for the core's codec to decide. */
  readonly input: unknown;
  /** The order the signal creates or cancels. */
  readonly orderId: string;
}

const ACTIONS = ['create', 'cancel'] as const;
const OWN_FIELDS = ['signalId', 'token', 'action'];

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Signals move money on someone else's say-so: they need the server's token in every mode,
 * loopback included, and a server started without one refuses them all.
 */
export const checkSignalToken = (
  req: IncomingMessage,
  body: Record<string, unknown>,
  token: string | undefined,
): ApiFailure | null => {
  if (token === undefined)
    return httpError(
      403,
      'SIGNALS_DISABLED',
      'signals are accepted only by a server started with a token (--token or SMART_ORDERS_TOKEN)',
    );
  const given =
    /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ??
    (typeof body['token'] === 'string' ? body['token'] : undefined);
  if (given === undefined || !timingSafeEqual(digest(given), digest(token)))
    return httpError(
      401,
      'UNAUTHORIZED',
      'a signal needs the server\'s token: "token" in the JSON body, or Authorization: Bearer <token>',
    );
  return null;
};

const refused = (
  orderId: string | null,
  issues: readonly ValidationIssue[],
): Either<ApiFailure, never> => left(domainFailure(validationFailed(orderId, issues)));

/** The signal's own fields checked, and its command built for the core to decide the rest. */
export const signalOf = (
  body: Record<string, unknown>,
  context: { readonly ts: number; readonly exchange: string },
): Either<ApiFailure, Signal> => {
  const issues: ValidationIssue[] = [];
  const signalId = body['signalId'];
  if (!OrderId.is(signalId))
    issues.push(
      issue(
        'signalId',
        `is required: ${OrderId.name}, unique per alert (it names the order a create signal makes)`,
      ),
    );
  const action = body['action'];
  if (!ACTIONS.includes(action as (typeof ACTIONS)[number]))
    issues.push(issue('action', 'must be "create" or "cancel"'));
  if (action === 'create' && 'orderId' in body)
    issues.push(issue('orderId', 'is the signalId on a create signal; leave it out'));
  if (action === 'cancel' && typeof body['orderId'] !== 'string')
    issues.push(issue('orderId', 'is required on a cancel signal: the order to cancel'));
  if (issues.length > 0) return refused(OrderId.is(signalId) ? signalId : null, issues);
  const fields = Object.fromEntries(
    Object.entries(body).filter(([key]) => !OWN_FIELDS.includes(key)),
  );
  const id = signalId as string;
  if (action === 'create') {
    const input = createOrderInput({ ...fields, orderId: id }, context);
    return input._tag === 'Left'
      ? input
      : right({ signalId: id, action: 'create', input: input.right, orderId: id });
  }
  const { orderId, ...rest } = fields as { orderId: string } & Record<string, unknown>;
  const input = orderActionInput('cancel', orderId, rest, context.ts);
  return input._tag === 'Left'
    ? input
    : right({ signalId: id, action: 'cancel', input: input.right, orderId });
};
