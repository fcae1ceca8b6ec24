export type EventStoreDbErrorCode =
  | 'INVALID_CONNECTION_STRING'
  | 'STREAM_NOT_SUPPORTED'
  | 'POSITION_NOT_REPRESENTABLE'
  | 'EVENT_UNREADABLE'
  | 'STORE_CLOSED';

/**
 * A failure of the adapter itself (not of the server): callers branch on `code`. It is also an
 * `Error`, so a rejected promise or a failed observable keeps its stack.
 */
export interface EventStoreDbError extends Error {
  readonly code: EventStoreDbErrorCode;
}

export const eventStoreDbError = (
  code: EventStoreDbErrorCode,
  message: string,
): EventStoreDbError => Object.assign(new Error(message), { code });

const CODES: ReadonlySet<string> = new Set<EventStoreDbErrorCode>([
  'INVALID_CONNECTION_STRING',
  'STREAM_NOT_SUPPORTED',
  'POSITION_NOT_REPRESENTABLE',
  'EVENT_UNREADABLE',
  'STORE_CLOSED',
]);

export const isEventStoreDbError = (u: unknown): u is EventStoreDbError =>
  u instanceof Error && CODES.has(String((u as { code?: unknown }).code));
