import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpError, type ApiFailure } from './apiError';

/** A command is a few hundred bytes; twenty TP levels fit easily. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The client went away before its body was read whole: there is no one to answer. */
export const ABORTED = Symbol('aborted');

const tooLarge = (size: string): ApiFailure =>
  httpError(
    413,
    'PAYLOAD_TOO_LARGE',
    `the body must be at most ${MAX_BODY_BYTES} bytes, got ${size}`,
  );

/**
 * Reads a body of at most MAX_BODY_BYTES. A larger one is refused as soon as it is known to be
 * larger (its Content-Length, or the first chunk past the limit), without reading the rest:
 * the answer closes the connection. A client that aborts is ABORTED, not an error of ours.
 */
export const readBody = (req: IncomingMessage): Promise<string | ApiFailure | typeof ABORTED> =>
  new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return resolve(tooLarge(`${declared} (Content-Length)`));
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: string | ApiFailure | typeof ABORTED) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.pause();
        settle(tooLarge(`more than that`));
      } else chunks.push(chunk);
    });
    req.on('end', () => settle(Buffer.concat(chunks).toString('utf8')));
    req.on('aborted', () => settle(ABORTED));
    req.on('error', () => settle(ABORTED));
    req.on('close', () => {
      if (!req.complete) settle(ABORTED);
    });
  });

/** An empty body is an empty object: `POST /cancel` needs nothing more. */
export const parseJsonObject = (text: string): Record<string, unknown> | ApiFailure => {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return httpError(
      400,
      'INVALID_JSON',
      `the body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return httpError(400, 'INVALID_JSON', 'the body must be a JSON object');
  return value as Record<string, unknown>;
};

export const isFailure = (u: unknown): u is ApiFailure =>
  typeof u === 'object' && u !== null && 'status' in u && 'error' in u;

export const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
};
