import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Registry } from 'prom-client';
import { createLogger, type StoredEvent } from '@smart-orders/engine';
import { createNotifier } from './notifier';
import type { OperatorAlert } from './operatorAlert';
import { SIGNATURE_HEADER, signatureOf, telegramSink, webhookSink } from './sinks';

interface Received {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A local HTTP endpoint answering each request with the next status of `statuses` (then 200). */
const endpoint = async (statuses: number[] = []) => {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((r) => server.close(r)),
  };
};

const alert = (kind: OperatorAlert['kind'], text = `${kind} happened`): OperatorAlert => ({
  kind,
  text,
  ts: 1_700_000_000_000,
  account: 'acc',
  orderId: null,
  event: {
    position: 1,
    stream: 'account-acc',
    orderId: null,
    version: 1,
    ts: 1_700_000_000_000,
    type: 'KillSwitchTripped',
    data: {},
  } as unknown as StoredEvent,
});

const SECRET = 'webhook-signing-secret-0123';
const TOKEN = '123456:telegram-bot-token';
const quietLogger = (records: Record<string, unknown>[] = []) =>
  createLogger({
    level: 'info',
    destination: { write: (l: string) => records.push(JSON.parse(l) as Record<string, unknown>) },
  });

describe('operator alerts to a webhook and to Telegram', () => {
  it('signs each webhook body with HMAC-SHA256 and sends Telegram sendMessage to the bot’s path, in order', async () => {
    const hook = await endpoint();
    const telegram = await endpoint();
    try {
      const notifier = createNotifier({
        sinks: [
          webhookSink(`${hook.url}/hook`, SECRET),
          telegramSink(telegram.url, TOKEN, '-1001'),
        ],
        logger: quietLogger(),
      });
      const kinds = [
        'KILL_SWITCH_TRIPPED',
        'FLATTEN_FAILING',
        'FLATTEN_CONFIRMED',
        'RECONCILIATION_DIVERGED',
        'HEARTBEAT_LOST',
        'ORDER_STOPPED',
        'STALE_DATA',
        'DATA_RESUMED',
      ] as const;
      for (const kind of kinds) notifier.notify(alert(kind));
      await notifier.idle();
      expect(hook.received.map((r) => (JSON.parse(r.body) as OperatorAlert).kind)).toEqual(kinds);
      for (const r of hook.received) {
        expect(r.path).toBe('/hook');
        expect(r.headers[SIGNATURE_HEADER]).toBe(signatureOf(SECRET, r.body));
        expect(r.headers['content-type']).toBe('application/json');
      }
      expect(telegram.received.map((r) => r.path)).toEqual(
        kinds.map(() => `/bot${TOKEN}/sendMessage`),
      );
      expect(JSON.parse(telegram.received[0]?.body ?? '{}')).toMatchObject({
        chat_id: '-1001',
        text: 'smart-orders KILL_SWITCH_TRIPPED: KILL_SWITCH_TRIPPED happened',
      });
    } finally {
      await hook.close();
      await telegram.close();
    }
  });

  it('retries a refused delivery with backoff, logs and counts each failure, and gives up after the last wait', async () => {
    const hook = await endpoint([503, 500]);
    const down = await endpoint([502, 502, 502]);
    const registry = new Registry();
    const records: Record<string, unknown>[] = [];
    try {
      const notifier = createNotifier({
        sinks: [webhookSink(hook.url, SECRET), telegramSink(down.url, TOKEN, '7')],
        logger: quietLogger(records),
        registry,
        backoffMs: [10, 20],
      });
      notifier.notify(alert('KILL_SWITCH_TRIPPED'));
      await notifier.idle();
      expect(hook.received).toHaveLength(3);
      expect(down.received).toHaveLength(3);
      const text = await registry.metrics();
      expect(text).toContain(
        'smart_orders_notifications_total{sink="webhook",outcome="retried"} 2',
      );
      expect(text).toContain(
        'smart_orders_notifications_total{sink="webhook",outcome="delivered"} 1',
      );
      expect(text).toContain(
        'smart_orders_notifications_total{sink="telegram",outcome="given_up"} 1',
      );
      expect(records.find((r) => r.msg === 'alert not delivered: given up')).toMatchObject({
        level: 'error',
        sink: 'telegram',
        errorClass: 'DeliveryFailed',
        attempt: 3,
      });
      // The URL of Telegram's API carries the bot token: no record names it.
      expect(JSON.stringify(records)).not.toContain(TOKEN);
    } finally {
      await hook.close();
      await down.close();
    }
  });

  it('never makes the caller wait: notify returns while an endpoint has not answered', async () => {
    let answer: () => void = () => undefined;
    const slow = createServer((_req, res) => {
      answer = () => res.end();
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const address = slow.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const notifier = createNotifier({
        sinks: [webhookSink(`http://127.0.0.1:${port}`, SECRET)],
        logger: quietLogger(),
      });
      const started = performance.now();
      notifier.notify(alert('HEARTBEAT_LOST'));
      expect(performance.now() - started).toBeLessThan(50);
      let idle = false;
      const waiting = notifier.idle().then(() => (idle = true));
      await new Promise((r) => setTimeout(r, 100));
      expect(idle).toBe(false);
      answer();
      await waiting;
    } finally {
      slow.closeAllConnections();
      await new Promise((r) => slow.close(r));
    }
  });
});
