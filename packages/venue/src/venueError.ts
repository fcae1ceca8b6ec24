export type VenueErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_FAULT'
  | 'NO_TICKS'
  | 'NOT_STEP_MODE'
  | 'INVALID_REQUEST'
  | 'NOT_FOUND';

/** Bad venue input (options, faults, control requests): what was wrong and what is allowed. */
export interface VenueError {
  readonly code: VenueErrorCode;
  readonly message: string;
}

export const venueError = (code: VenueErrorCode, message: string): VenueError => ({
  code,
  message,
});
