import { formatIssues, type ValidationIssue } from './codecs/issues';

export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'ORDER_NOT_FOUND'
  | 'ORDER_TERMINAL'
  | 'ORDER_CLOSING'
  | 'INVALID_STOP_PRICE'
  | 'UNKNOWN_CLIENT_ORDER_ID'
  // Another writer changed the order's stream, and it still did after the engine's retries.
  | 'CONCURRENCY_CONFLICT';

/**
 * A command that does not apply. Callers branch on `code` (data, not class identity); the
 * message says what was wrong and what is allowed.
 */
export interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
  readonly orderId: string | null;
  readonly issues: readonly ValidationIssue[];
}

export const domainError = (
  code: DomainErrorCode,
  orderId: string | null,
  message: string,
  issues: readonly ValidationIssue[] = [],
): DomainError => ({ code, orderId, message, issues });

export const validationFailed = (
  orderId: string | null,
  issues: readonly ValidationIssue[],
): DomainError => domainError('VALIDATION_FAILED', orderId, formatIssues(issues), issues);

export const isDomainError = (u: unknown): u is DomainError =>
  typeof u === 'object' &&
  u !== null &&
  typeof (u as DomainError).code === 'string' &&
  Array.isArray((u as DomainError).issues);
