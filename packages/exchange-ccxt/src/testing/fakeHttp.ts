/**
 * The wire, faked at ccxt's `fetchImplementation`: every request ccxt's own code builds and
 * signs is recorded, and answered by the first route that matches (a venue's canned body,
 * an HTTP error, or a thrown transport failure).
 */
export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

export type Answer = { readonly status?: number; readonly body: unknown } | Error;

export interface Route {
  readonly method?: string;
  readonly path: string | RegExp;
  /** Answers in turn; the last one repeats. */
  readonly answers: readonly (Answer | ((request: RecordedRequest) => Answer | Promise<Answer>))[];
}

export interface FakeHttp {
  readonly requests: RecordedRequest[];
  readonly fetchImplementation: (url: string, init: RequestInit) => Promise<Response>;
  route(route: Route): void;
  /** Requests whose path matches, in order. */
  to(method: string, path: string | RegExp): RecordedRequest[];
}

const matches = (path: string | RegExp, actual: string): boolean =>
  typeof path === 'string' ? actual === path : path.test(actual);

/** What undici throws when a request is aborted on timeout: ccxt turns it into RequestTimeout. */
export const timeout = (): Error =>
  Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });

/**
 * What the transport throws when the connection drops: ccxt turns it into NetworkError (by its
 * code: a TypeError would not be recognised across jest's realm boundary).
 */
export const connectionReset = (): Error =>
  Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

export const createFakeHttp = (routes: readonly Route[] = []): FakeHttp => {
  const table: { route: Route; used: number }[] = routes.map((route) => ({ route, used: 0 }));
  const requests: RecordedRequest[] = [];
  return {
    requests,
    route: (route) => void table.unshift({ route, used: 0 }),
    to: (method, path) =>
      requests.filter((r) => r.method === method && matches(path, r.url.pathname)),
    fetchImplementation: async (url, init) => {
      const headers: Record<string, string> = {};
      new Headers(init.headers as Record<string, string>).forEach((value, key) => {
        headers[key] = value;
      });
      const request: RecordedRequest = {
        method: (init.method ?? 'GET').toUpperCase(),
        url: new URL(url),
        headers,
        body: typeof init.body === 'string' ? init.body : undefined,
      };
      requests.push(request);
      const hit = table.find(
        ({ route }) =>
          (route.method === undefined || route.method === request.method) &&
          matches(route.path, request.url.pathname),
      );
      if (hit === undefined) {
        return new Response(
          JSON.stringify({ error: `no fake route for ${request.method} ${request.url.pathname}` }),
          { status: 404 },
        );
      }
      const step = hit.route.answers[Math.min(hit.used, hit.route.answers.length - 1)];
      hit.used += 1;
      const answer = typeof step === 'function' ? await step(request) : step;
      if (answer === undefined) throw new Error('route without answers');
      if (answer instanceof Error) throw answer;
      return new Response(
        typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body),
        {
          status: answer.status ?? 200,
          headers: { 'content-type': 'application/json' },
        },
      );
    },
  };
};

/** A JSON or form body as a plain object. */
export const bodyOf = (request: RecordedRequest): Record<string, unknown> => {
  const body = request.body ?? '';
  if (body.startsWith('{') || body.startsWith('[')) {
    const parsed = JSON.parse(body) as unknown;
    return (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, unknown>;
  }
  return Object.fromEntries(new URLSearchParams(body));
};

export const queryOf = (request: RecordedRequest): Record<string, string> =>
  Object.fromEntries(request.url.searchParams);
