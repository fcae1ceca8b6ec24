import { isLeft, type Either } from 'fp-ts/Either';
import { parseFaults, type Fault } from './fault';
import type { FaultStatus } from './faultBook';
import { venueError, type VenueError } from './venueError';

export interface Advanced {
  readonly played: number;
  readonly remaining: number;
  readonly now: number;
}

export interface ControlContext {
  /** Every order request received, each with what became of its order. */
  readonly orders: () => unknown;
  /** Balances, positions and working orders, in the dialect's market's terms. */
  readonly account: () => unknown;
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
      return answer(ctx.orders());
    case 'GET /control/account':
      return answer(ctx.account());
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
