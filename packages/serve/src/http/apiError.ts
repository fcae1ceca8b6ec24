import type { DomainError, ValidationIssue } from '@smart-orders/core';

export type HttpErrorCode =
  | 'INVALID_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHORIZED'
  | 'SIGNALS_DISABLED'
  | 'FORBIDDEN_ORIGIN'
  | 'FORBIDDEN_HOST'
  | 'NOT_FOUND'
  | 'INVALID_PATH'
  | 'METHOD_NOT_ALLOWED'
  | 'NOT_A_REPLAY'
  | 'INTERNAL';

/**
 * Every error the API answers, in the core's shape: a code to branch on, a message that says
 * what was wrong and what is allowed, and the issues by field path for a form to place.
 */
export interface ApiError {
  readonly code: HttpErrorCode | DomainError['code'] | 'CONCURRENCY_CONFLICT';
  readonly message: string;
  readonly issues: readonly ValidationIssue[];
  readonly orderId?: string | null;
}

export interface ApiFailure {
  readonly status: number;
  readonly error: ApiError;
}

export const httpError = (status: number, code: HttpErrorCode, message: string): ApiFailure => ({
  status,
  error: { code, message, issues: [] },
});

/** Bad input is the caller's to fix (400); the rest are about the order as it stands. */
const STATUS_OF: Readonly<Record<DomainError['code'], number>> = {
  VALIDATION_FAILED: 400,
  ORDER_NOT_FOUND: 404,
  ORDER_TERMINAL: 409,
  ORDER_CLOSING: 409,
  INVALID_STOP_PRICE: 409,
  UNKNOWN_CLIENT_ORDER_ID: 409,
  CONCURRENCY_CONFLICT: 409,
};

export const domainFailure = (error: DomainError): ApiFailure => ({
  status: STATUS_OF[error.code] ?? 409,
  error,
});
