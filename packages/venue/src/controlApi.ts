import { isLeft, type Either } from 'fp-ts/Either';
import { add } from '@smart-orders/core';
import { parseFaults, type Fault } from './fault';
import type { FaultStatus } from './faultBook';
import type { BalanceLine } from './account';
import type { OrderLog } from './orderLog';
import { orderJson } from './restShapes';
import { venueError, type VenueError } from './venueError';
import type { VenueMarkets } from './venueMarkets';
import { isOpen } from './venueOrder';

export interface Advanced {
  readonly played: number;
  readonly remaining: number;
  readonly now: number;
}

export interface ControlContext {
  readonly markets: VenueMarkets;
  readonly balances: () => readonly BalanceLine[];
  readonly orderLog: OrderLog;
  readonly faults: () => readonly FaultStatus[];
  readonly addFaults: (faults: readonly Fault[]) => void;
  readonly advance: (n: number) => Either<VenueError, Advanced>;
  readonly state: () => unknown;
}

export interface ControlAnswer {
  readonly status: number;
  readonly body: unknown;
}

const answer = (body: unknown): ControlAnswer => ({ status: 200, body });
const refuse = (e: VenueError): ControlAnswer => ({
  status: e.code === 'NOT_FOUND' ? 404 : e.code === 'NOT_STEP_MODE' ? 409 : 400,
  body: e,
});

/** Every order request received, each with what became of its order. */
const orders = (ctx: ControlContext) => {
  const all = new Map(ctx.markets.all.flatMap((s) => s.engine.orders()).map((o) => [o.orderId, o]));
  return ctx.orderLog.entries().map((entry) => {
    const found = entry.orderId === null ? undefined : all.get(entry.orderId);
    return {
      ...entry,
      order:
        found === undefined
          ? null
          : {
              status: found.status,
              executedQty: found.executedQty,
              cumulativeQuoteQty: found.cumulativeQuoteQty,
            },
    };
  });
};

/** Spot: the position in a market is the base asset held, free or locked. */
const account = (ctx: ControlContext) => {
  const balances = ctx.balances().map((b) => ({ ...b, total: add(b.free, b.locked) }));
  return {
    balances,
    positions: ctx.markets.all.map(({ market }) => ({
      symbol: market.symbol,
      quantity: balances.find((b) => b.asset === market.base)?.total ?? 0,
    })),
    workingOrders: ctx.markets.all.flatMap((s) => s.engine.orders().filter(isOpen)).map(orderJson),
  };
};

const ROUTES =
  'GET /control/orders, GET /control/account, GET /control/state, GET|POST /control/faults, POST /control/advance';

export const handleControl = (
  ctx: ControlContext,
  method: string,
  path: string,
  body: unknown,
): ControlAnswer => {
  switch (`${method} ${path}`) {
    case 'GET /control/orders':
      return answer(orders(ctx));
    case 'GET /control/account':
      return answer(account(ctx));
    case 'GET /control/state':
      return answer(ctx.state());
    case 'GET /control/faults':
      return answer(ctx.faults());
    case 'POST /control/faults': {
      const parsed = parseFaults(body);
      if (isLeft(parsed)) return refuse(parsed.left);
      ctx.addFaults(parsed.right);
      return answer(ctx.faults());
    }
    case 'POST /control/advance': {
      const ticks =
        typeof body === 'object' && body !== null ? (body as { ticks?: unknown }).ticks : undefined;
      const n = ticks ?? 1;
      if (!Number.isInteger(n) || (n as number) < 1) {
        return refuse(
          venueError(
            'INVALID_REQUEST',
            `advance takes {"ticks": n} with n a positive integer; got ${JSON.stringify(ticks)}`,
          ),
        );
      }
      const advanced = ctx.advance(n as number);
      return isLeft(advanced) ? refuse(advanced.left) : answer(advanced.right);
    }
    default:
      return refuse(
        venueError(
          'NOT_FOUND',
          `${method} ${path} is not a control route; the venue serves ${ROUTES}`,
        ),
      );
  }
};
