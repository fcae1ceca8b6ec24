import type { DestinationStream, Level, Logger as PinoLogger } from 'pino';

/** What a record carries besides its message: order id, client order id, venue, error class… */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * The logger the engine writes to: the four methods of pino's, so an embedder passes its own
 * pino logger (or a child of it) as it is, or anything with the same shape.
 */
export interface Logger {
  error(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  debug(fields: LogFields, message: string): void;
  /** pino's: lets a caller skip building a record nobody reads. */
  isLevelEnabled?(level: string): boolean;
}

/** A problem the engine reports while carrying on: the message, and what it concerns. */
export type Warn = (message: string, fields?: LogFields) => void;

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * Field names whose values never reach a record, at any depth pino's redaction reaches: an
 * API key or secret handed to an adapter, a webhook's signing secret, a bot token, a bearer
 * token. The CLI takes them from the environment and logs none of them; this is the second
 * line, for a caller that logs its own options.
 */
export const redactedPaths = [
  'apiKey',
  'secret',
  'password',
  'token',
  'authorization',
  'signingSecret',
  'botToken',
  '*.apiKey',
  '*.secret',
  '*.password',
  '*.token',
  '*.authorization',
  '*.signingSecret',
  '*.botToken',
];

export interface LoggerOptions {
  /** Default `warn`: what the engine reports on its own without being asked. */
  readonly level?: LogLevel;
  /** Default stderr (file descriptor 2), written synchronously so a crash loses no record. */
  readonly destination?: DestinationStream;
  /** Fields on every record, such as `{ component: 'run' }`. */
  readonly base?: LogFields;
}

/**
 * A pino logger writing one JSON object per line: `level` as its name (`"warn"`, not 40),
 * `time` as an ISO instant, secrets redacted. The engine's default, and the CLI's.
 */
export const createLogger = (options: LoggerOptions = {}): PinoLogger<never> => {
  // Loaded with the first logger, not with the engine: pino took 0.4 s to load on a loaded
  // machine, and every command that only reads the store loads the engine.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pino = require('pino') as typeof import('pino');
  return pino(
    {
      level: options.level ?? ('warn' satisfies Level),
      base: { ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactedPaths, censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
};

/** The error class a record names: an exchange error's code, an Error's name. */
export const errorClassOf = (e: unknown): string => {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string')
    return e.code;
  if (e instanceof Error) return e.name;
  return typeof e;
};
