import { createServer, type Server } from 'node:http';
import type { Observable } from 'rxjs';
import { collectDefaultMetrics, Registry } from 'prom-client';
import {
  createEngineMetrics,
  createLogger,
  logLevels,
  type EngineMetrics,
  type Logger,
  type LogLevel,
  type StoredEvent,
} from '@smart-orders/engine';
import { badInput } from './cliFailure';
import type { Io } from './commands/replay';
import { createNotifier, type Notifier } from './notify/notifier';
import { operatorAlertOf } from './notify/operatorAlert';
import { telegramSink, webhookSink, type AlertSink } from './notify/sinks';

/** The flags `run`, `serve` and `watchdog` share (docs/operations.md). */
export interface OperationsArgs {
  readonly logLevel?: string;
  readonly metricsPort?: number;
  readonly metricsHost?: string;
  readonly webhookUrl?: string;
  readonly telegramChat?: string;
  readonly telegramApiUrl?: string;
}

export interface Operations {
  readonly logger: Logger;
  readonly metrics: EngineMetrics;
  /** Sends an alert for each operator event of the stream. */
  watch(events$: Observable<StoredEvent>): void;
  close(): Promise<void>;
}

const TELEGRAM_API_URL = 'https://api.telegram.org';

const httpUrl = (flag: string, text: string): string => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return badInput(`${flag}: must be an http(s) URL, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    badInput(`${flag}: must be an http(s) URL, got "${text}"`);
  return url.toString();
};

const sinksOf = (args: OperationsArgs, env: NodeJS.ProcessEnv): AlertSink[] => {
  const sinks: AlertSink[] = [];
  if (args.webhookUrl !== undefined) {
    const secret = env['SMART_ORDERS_WEBHOOK_SECRET'] ?? '';
    if (secret.trim().length < 16)
      badInput(
        '--webhook-url: SMART_ORDERS_WEBHOOK_SECRET must be set to the signing secret (16 characters or more) shared with the receiver',
      );
    sinks.push(webhookSink(httpUrl('--webhook-url', args.webhookUrl), secret));
  }
  if (args.telegramChat !== undefined) {
    const token = env['SMART_ORDERS_TELEGRAM_TOKEN'] ?? '';
    if (token.trim() === '')
      badInput('--telegram-chat: SMART_ORDERS_TELEGRAM_TOKEN must be set to the bot token');
    const api = httpUrl('--telegram-api-url', args.telegramApiUrl ?? TELEGRAM_API_URL);
    sinks.push(telegramSink(api, token, args.telegramChat));
  } else if (args.telegramApiUrl !== undefined)
    badInput('--telegram-api-url: only with --telegram-chat');
  return sinks;
};

const listen = (server: Server, host: string, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });

/**
 * What an operator watches a long-running command by: JSON records on stderr at
 * `--log-level`, Prometheus metrics on `--metrics-port` (loopback unless `--metrics-host`),
 * and alerts to a webhook and Telegram. Checked before anything is opened.
 */
export const startOperations = async (
  args: OperationsArgs,
  component: string,
  io: Io,
  env: NodeJS.ProcessEnv,
): Promise<Operations> => {
  const level = (args.logLevel ?? 'info') as LogLevel;
  if (!logLevels.includes(level))
    badInput(`--log-level: must be one of ${logLevels.join(', ')}, got "${level}"`);
  const sinks = sinksOf(args, env);
  const logger = createLogger({
    level,
    base: { component },
    destination: { write: (line: string) => io.err(line.trimEnd()) },
  });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = createEngineMetrics(registry);
  const notifier: Notifier | null =
    sinks.length === 0 ? null : createNotifier({ sinks, logger, registry });
  const stops: (() => void)[] = [];

  let server: Server | null = null;
  if (args.metricsPort !== undefined) {
    const host = args.metricsHost ?? '127.0.0.1';
    server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics here\n');
        return;
      }
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (e: unknown) => {
          logger.error({ errorClass: (e as Error).name }, `metrics: ${String(e)}`);
          res.writeHead(500).end();
        },
      );
    });
    const port = await listen(server, host, args.metricsPort).catch((e: Error) =>
      badInput(`--metrics-host ${host} --metrics-port ${args.metricsPort}: ${e.message}`),
    );
    io.err(`metrics on http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`);
  }

  return {
    logger,
    metrics,
    watch(events$) {
      if (notifier === null) return;
      const subscription = events$.subscribe((e) => {
        const alert = operatorAlertOf(e);
        if (alert !== null) notifier.notify(alert);
      });
      stops.push(() => subscription.unsubscribe());
    },
    async close() {
      for (const stop of stops) stop();
      // Alerts of the last moments (a confirmed flatten) get their chance, not a retry series.
      if (notifier !== null)
        await Promise.race([notifier.idle(), new Promise((r) => setTimeout(r, 5_000).unref())]);
      if (server !== null) {
        server.closeAllConnections();
        await new Promise((r) => server?.close(r));
      }
    },
  };
};
