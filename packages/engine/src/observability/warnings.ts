import { errorClassOf, type Logger, type LogFields, type Warn } from './logger';

/** The engine's warnings: each record names the venue the engine trades on, beside its own fields. */
export const warningsTo =
  (logger: Logger, venue: string): Warn =>
  (message: string, fields: LogFields = {}) =>
    logger.warn({ venue, ...fields }, message);

/**
 * Work that failed where no caller waits for it (a unit on the engine's own timers, a report's
 * unit the store refused): the embedder's `onFailure` decides what to do (`run` stops and exits
 * non-zero); without one it is a warning naming the error's class.
 */
export const failuresTo =
  (onFailure: ((error: Error) => void) | undefined, warn: Warn): ((e: unknown) => void) =>
  (e: unknown) => {
    const error = e instanceof Error ? e : new Error(String(e));
    if (onFailure === undefined)
      warn(`account: ${error.message}`, { errorClass: errorClassOf(error) });
    else onFailure(error);
  };
