import { left, right, type Either } from 'fp-ts/Either';
import { issue, validationFailed, type ValidationIssue } from '@smart-orders/core';
import { domainFailure, type ApiFailure } from './apiError';

/** The routes `POST /api/orders/:id/<action>` and the command each sends. */
export const ORDER_ACTIONS = {
  'stop-loss': 'ModifyStopLoss',
  trailing: 'ModifyTrailing',
  'break-even': 'ToggleBreakEven',
  cancel: 'Cancel',
} as const;

export type OrderAction = keyof typeof ORDER_ACTIONS;

export const isOrderAction = (name: string): name is OrderAction => name in ORDER_ACTIONS;

/** Fields the server fills in; a request that sets them would speak for the server. */
const SET_BY_SERVER = {
  orderId: 'is taken from the URL; leave it out',
  ts: 'is the market time the server stamps; leave it out',
  lastPrice: 'is the last price the engine saw; leave it out',
  referencePrice: 'is the last price the engine saw; leave it out',
  venueMarket: "is the exchange's market the engine reads; leave it out",
  liquidationGuard: 'is set by the engine from its futures settings; leave it out',
} as const;

const refused = (
  orderId: string | null,
  issues: readonly ValidationIssue[],
): Either<ApiFailure, never> => left(domainFailure(validationFailed(orderId, issues)));

const setByServer = (
  body: Record<string, unknown>,
  fields: readonly (keyof typeof SET_BY_SERVER)[],
) => fields.filter((f) => f in body).map((f) => issue(f, SET_BY_SERVER[f]));

/**
 * `POST /api/orders`: the body is a `CreateSmartOrder` without its `type`; `exchange` is the
 * server's and may be left out; a `ts` is kept, and market time is used when there is none.
 * The core's codec decides everything else.
 */
export const createOrderInput = (
  body: Record<string, unknown>,
  context: { readonly ts: number; readonly exchange: string },
): Either<ApiFailure, unknown> => {
  const orderId = typeof body['orderId'] === 'string' ? body['orderId'] : null;
  const issues = setByServer(body, ['referencePrice', 'venueMarket', 'liquidationGuard']);
  if (body['type'] !== undefined && body['type'] !== 'CreateSmartOrder')
    issues.push(issue('type', 'must be "CreateSmartOrder" or left out on POST /api/orders'));
  if (body['exchange'] !== undefined && body['exchange'] !== context.exchange)
    issues.push(
      issue(
        'exchange',
        `must be "${context.exchange}", the exchange this server trades on, or left out`,
      ),
    );
  if (issues.length > 0) return refused(orderId, issues);
  return right({
    ...body,
    type: 'CreateSmartOrder',
    exchange: context.exchange,
    ts: body['ts'] ?? context.ts,
  });
};

/** `POST /api/orders/:id/<action>`: the body holds the command's own fields only. */
export const orderActionInput = (
  action: OrderAction,
  orderId: string,
  body: Record<string, unknown>,
  ts: number,
): Either<ApiFailure, unknown> => {
  const issues = setByServer(body, ['orderId', 'ts', 'lastPrice']);
  if ('type' in body)
    issues.push(issue('type', `is set by the route (${ORDER_ACTIONS[action]}); leave it out`));
  if (issues.length > 0) return refused(orderId, issues);
  return right({ ...body, type: ORDER_ACTIONS[action], orderId, ts });
};
