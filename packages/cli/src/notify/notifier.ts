import type { Registry } from 'prom-client';
import { Counter } from 'prom-client';
import { errorClassOf, type Logger } from '@smart-orders/engine';
import type { OperatorAlert } from './operatorAlert';
import type { AlertSink } from './sinks';

export interface NotifierOptions {
  readonly sinks: readonly AlertSink[];
  readonly logger: Logger;
  readonly registry?: Registry;
  /** Waits before each retry: default 1, 2, 4, 8 and 16 s, then the alert is given up. */
  readonly backoffMs?: readonly number[];
}

export interface Notifier {
  /** Queues the alert on every sink and returns at once: the engine never waits for it. */
  notify(alert: OperatorAlert): void;
  /** Resolves when every queued alert was delivered or given up (for a clean stop). */
  idle(): Promise<void>;
}

const DEFAULT_BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 16_000];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/**
 * Delivers operator alerts to each sink in order, one at a time per sink so that a trip is
 * read before its flatten; a failed attempt is retried after the next wait of `backoffMs`,
 * each failure logged as a warning and counted, and a sink that stays down delays only its
 * own later alerts.
 */
export const createNotifier = (options: NotifierOptions): Notifier => {
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const deliveries = new Counter({
    name: 'smart_orders_notifications_total',
    help: 'Operator alerts by sink and outcome (delivered, retried, given_up)',
    labelNames: ['sink', 'outcome'],
    registers: options.registry === undefined ? [] : [options.registry],
  });
  const tails = new Map<string, Promise<void>>();

  const deliver = async (sink: AlertSink, alert: OperatorAlert): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await sink.deliver(alert);
        deliveries.inc({ sink: sink.name, outcome: 'delivered' });
        options.logger.info({ sink: sink.name, alert: alert.kind, attempt }, 'alert delivered');
        return;
      } catch (e) {
        const wait = backoff[attempt - 1];
        const fields = {
          sink: sink.name,
          alert: alert.kind,
          attempt,
          errorClass: errorClassOf(e),
          error: e instanceof Error ? e.message : String(e),
        };
        if (wait === undefined) {
          deliveries.inc({ sink: sink.name, outcome: 'given_up' });
          options.logger.error(fields, 'alert not delivered: given up');
          return;
        }
        deliveries.inc({ sink: sink.name, outcome: 'retried' });
        options.logger.warn({ ...fields, retryInMs: wait }, 'alert not delivered: retrying');
        await sleep(wait);
      }
    }
  };

  return {
    notify(alert) {
      for (const sink of options.sinks) {
        const tail = (tails.get(sink.name) ?? Promise.resolve()).then(() => deliver(sink, alert));
        tails.set(sink.name, tail);
      }
    },
    idle: async () => {
      await Promise.all(tails.values());
    },
  };
};
