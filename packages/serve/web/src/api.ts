import type { ApiError } from '../../src/panelApi';

const TOKEN_KEY = 'smart-orders-token';

/** A refusal from the API, with the server's typed error. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

let onUnauthorized: () => void = () => undefined;

/**
 * The token lives in this tab's session only. A link may carry it as `#token=…` (a fragment
 * never reaches a server log); it is taken out of the address bar at once.
 */
export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set(value: string): void {
    if (value === '') sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, value);
  },
  takeFromAddress(): void {
    const found = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (found?.[1] === undefined) return;
    token.set(decodeURIComponent(found[1]));
    history.replaceState(null, '', location.pathname + location.search);
  },
  whenRefused(callback: () => void): void {
    onUnauthorized = callback;
  },
};

const apiUrl = (path: string): string => new URL(`api/${path}`, location.href).toString();

const answer = async <T>(res: Response): Promise<T> => {
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return body as T;
  const error =
    typeof body === 'object' && body !== null && 'code' in body
      ? (body as ApiError)
      : { code: 'INTERNAL' as const, message: `the server answered ${res.status}`, issues: [] };
  if (res.status === 401) onUnauthorized();
  throw new ApiRefusal(res.status, error);
};

const unreachable = (e: unknown): never => {
  throw new ApiRefusal(0, {
    code: 'INTERNAL',
    message: `the server cannot be reached: ${e instanceof Error ? e.message : String(e)}`,
    issues: [],
  });
};

export const getJson = async <T>(path: string): Promise<T> =>
  answer<T>(await fetch(apiUrl(path)).catch(unreachable));

export const postJson = async <T>(path: string, body: unknown): Promise<T> => {
  const auth = token.get();
  const res = await fetch(apiUrl(path), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(auth === null ? {} : { authorization: `Bearer ${auth}` }),
    },
    body: JSON.stringify(body),
  }).catch(unreachable);
  return answer<T>(res);
};
