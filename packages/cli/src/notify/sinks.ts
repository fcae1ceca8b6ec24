import { createHmac } from 'node:crypto';
import type { OperatorAlert } from './operatorAlert';

/** Where alerts go: one delivery attempt, which throws when it did not arrive. */
export interface AlertSink {
  /** Names the sink in records and metrics; never carries a secret. */
  readonly name: string;
  deliver(alert: OperatorAlert): Promise<void>;
}

/** How long one attempt may take before it counts as failed. */
const ATTEMPT_TIMEOUT_MS = 10_000;

export class DeliveryFailed extends Error {
  constructor(
    readonly sink: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryFailed';
  }
}

const post = async (
  sink: string,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<void> => {
  let status: number;
  try {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    await answer.arrayBuffer();
    status = answer.status;
  } catch (e) {
    // The URL may carry a bot token: only the cause's class and code are named.
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw new DeliveryFailed(sink, null, `${sink}: not reached (${cause ?? (e as Error).name})`);
  }
  if (status < 200 || status >= 300)
    throw new DeliveryFailed(sink, status, `${sink}: answered HTTP ${status}`);
};

/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body>` under the shared secret. */
export const SIGNATURE_HEADER = 'x-smart-orders-signature';

export const signatureOf = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * An outbound webhook: the alert as JSON (`kind`, `text`, `ts`, `account`, `orderId`,
 * `event`), signed with HMAC-SHA256 so the receiver can tell it came from this engine.
 */
export const webhookSink = (url: string, secret: string): AlertSink => ({
  name: 'webhook',
  async deliver(alert) {
    const body = JSON.stringify(alert);
    await post('webhook', url, body, { [SIGNATURE_HEADER]: signatureOf(secret, body) });
  },
});

/** Telegram's Bot API `sendMessage`; `apiUrl` is `https://api.telegram.org` unless a test says. */
export const telegramSink = (apiUrl: string, botToken: string, chatId: string): AlertSink => ({
  name: 'telegram',
  async deliver(alert) {
    const body = JSON.stringify({
      chat_id: chatId,
      text: `smart-orders ${alert.kind}: ${alert.text}`,
      disable_web_page_preview: true,
    });
    await post('telegram', `${apiUrl.replace(/\/+$/, '')}/bot${botToken}/sendMessage`, body, {});
  },
});
