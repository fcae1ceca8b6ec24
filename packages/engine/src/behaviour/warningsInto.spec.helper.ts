import { createLogger, type Logger } from '@smart-orders/engine';

/** A real pino logger whose records' messages land in `messages`, for tests that read them. */
export const warningsInto = (messages: string[]): Logger =>
  createLogger({
    destination: {
      write: (line: string) => messages.push((JSON.parse(line) as { msg: string }).msg),
    },
  });
