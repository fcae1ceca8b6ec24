import { NO_FEES } from '@smart-orders/core';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountStream } from '@smart-orders/engine';
import { readTicks } from '@smart-orders/replay-files';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import { startVenue, withQuantities, type Venue } from '@smart-orders/venue';
import { examplePlan, exampleTicks, repoRoot, runCliWith, startCli } from './testing/runCli';

const API_KEY = 'ops-api-key-4711';
const SECRET = 'ops-api-secret-never-logged';
const WEBHOOK_SECRET = 'ops-webhook-signing-secret';
const BOT_TOKEN = '4242:ops-telegram-bot-token';
const env = {
  ...process.env,
  BINANCE_API_KEY: API_KEY,
  BINANCE_SECRET: SECRET,
  SMART_ORDERS_WEBHOOK_SECRET: WEBHOOK_SECRET,
  SMART_ORDERS_TELEGRAM_TOKEN: BOT_TOKEN,
};

interface Received {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A local stand-in for a webhook receiver or Telegram's Bot API: records, answers `first` then 200. */
const sink = async (first: number[] = []) => {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res
        .writeHead(first.shift() ?? 200, { 'content-type': 'application/json' })
        .end('{"ok":true}');
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

const until = async (what: () => boolean | Promise<boolean>, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await what()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

/** The value of one sample line of a scrape, NaN when absent. */
const sample = (text: string, name: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? NaN : Number(line.slice(name.length + 1));
};

describe('run for an operator: JSON logs, /metrics, alerts to a webhook and Telegram', () => {
  let dir: string;
  let venue: Venue;
  let recorded: ReturnType<typeof withQuantities>;
  const drillVenue = (pace: { speed: number } | { step: true }): Promise<Venue> =>
    startVenue({
      ticks: recorded,
      symbol: 'ETH/USDT',
      ...pace,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { ETH: 0, USDT: 100_000 },
      // No fees: the drill's 0.3 USDT loss limit is below the entry's 0.54 USDT fee, so with
      // fees it trips at once and the run ends before anything is scraped.
      fees: NO_FEES,
    });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-ops-'));
    const ticks = await readTicks(exampleTicks, { symbol: 'ETH/USDT' });
    if (ticks._tag === 'Left') throw new Error(ticks.left.message);
    recorded = withQuantities(ticks.right.ticks.slice(0, 4000), ticks.right.quantities);
    venue = await drillVenue({ speed: 2 });
  });
  afterAll(async () => {
    await venue.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a daily loss drill on the venue: every metric family scraped while it trades, the trip and the flatten alerted (signed, retried), no secret in the log', async () => {
    // A venue of its own, played by the test (step mode): the loss limit trips about 450 ms of
    // recorded time after the entry fills, and at full speed the run could end before a scrape
    // saw the order open. Market orders are refused from the start: the entry is a marketable
    // limit, and the trip's market exit falls back to a limit.
    const stepped = await drillVenue({ step: true });
    const first = recorded[0]?.ts ?? 0;
    await fetch(`${stepped.url}/control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ from: first, to: first + 3_600_000, rejectMarketOrders: true }]),
    });
    const hook = await sink([503]);
    const telegram = await sink();
    const child = startCli(
      [
        'run',
        '--plan',
        join(repoRoot, 'examples/plans/drills/venue-daily-loss.json'),
        '--store',
        `sqlite:${join(dir, 'ops.sqlite')}`,
        '--exchange',
        'binance',
        '--url',
        stepped.url,
        '--format',
        'jsonl',
        '--metrics-port',
        '0',
        '--webhook-url',
        `${hook.url}/alerts`,
        '--telegram-chat',
        '-100200',
        '--telegram-api-url',
        telegram.url,
      ],
      env,
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      expect(await until(() => /metrics on (http:\S+)/.test(stderr), 60_000)).toBe(true);
      const metricsUrl = /metrics on (http:\S+)/.exec(stderr)?.[1] as string;
      expect(new URL(metricsUrl).hostname).toBe('127.0.0.1');
      let scraped = '';
      const scrape = async () => {
        scraped = await (await fetch(metricsUrl)).text();
        return scraped;
      };
      const listening = async (): Promise<boolean> =>
        (
          (await (await fetch(`${stepped.url}/control/state`)).json()) as { streams: string[] }
        ).streams.includes('ethusdt@trade');
      expect(await until(listening, 60_000)).toBe(true);
      // Once the entry has filled and been answered, every family has its samples: a recorded
      // trade at a time until then.
      expect(
        await until(
          async () =>
            stepped.advance(1)._tag === 'Right' &&
            sample(await scrape(), 'smart_orders_open_orders{status="ACTIVE"}') === 1 &&
            sample(scraped, 'smart_orders_send_latency_seconds_count{kind="place"}') >= 1 &&
            sample(scraped, 'smart_orders_heartbeat_age_seconds{account="venue-loss"}') >= 0,
          60_000,
        ),
      ).toBe(true);
      expect(sample(scraped, 'smart_orders_ticks_total{symbol="ETH/USDT"}')).toBeGreaterThan(0);
      expect(sample(scraped, 'smart_orders_last_tick_age_seconds{symbol="ETH/USDT"}')).toBeLessThan(
        30,
      );
      expect(sample(scraped, 'smart_orders_decisions_total')).toBeGreaterThan(0);
      expect(sample(scraped, 'smart_orders_intents_total{kind="place"}')).toBeGreaterThanOrEqual(1);
      expect(
        sample(scraped, 'smart_orders_sends_total{kind="place",outcome="answered"}'),
      ).toBeGreaterThanOrEqual(1);
      expect(sample(scraped, 'smart_orders_unknown_outcomes_total')).toBe(0);
      const latency = sample(scraped, 'smart_orders_send_latency_seconds_sum{kind="place"}');
      expect(latency).toBeGreaterThan(0);
      expect(latency).toBeLessThan(30);
      expect(
        sample(scraped, 'smart_orders_reconciliation_state{account="venue-loss",state="OPEN"}'),
      ).toBe(1);
      expect(
        sample(
          scraped,
          'smart_orders_reconciliations_total{account="venue-loss",outcome="completed"}',
        ),
      ).toBeGreaterThanOrEqual(1);
      expect(
        sample(scraped, 'smart_orders_trading_state{account="venue-loss",state="ACTIVE"}'),
      ).toBe(1);
      expect(
        sample(scraped, 'smart_orders_heartbeat_age_seconds{account="venue-loss"}'),
      ).toBeLessThan(30);
      expect(scraped).toContain('# TYPE smart_orders_realised_pnl_net gauge');
      expect(scraped).toContain('process_cpu_seconds_total');
      expect((await fetch(metricsUrl.replace('/metrics', '/other'))).status).toBe(404);

      // The rest of the recording, about 100 trades a second, until the run has tripped,
      // flattened through the limit fallback and ended.
      let ended = false;
      void exited.then(() => (ended = true));
      while (!ended) {
        const advanced = stepped.advance(10);
        if (advanced._tag === 'Left' || advanced.right.played === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await exited).toBe(0);

      const webhookKinds = (r: Received[]): string[] =>
        r.map((x) => (JSON.parse(x.body) as { kind: string }).kind);
      // Telegram's text is `smart-orders KIND: …`.
      const telegramKinds = (r: Received[]): string[] =>
        r.map(
          (x) =>
            /^smart-orders (\w+):/.exec((JSON.parse(x.body) as { text: string }).text)?.[1] ?? '',
        );
      const delivered = hook.received.slice(1);
      // Each refusal of the flatten's exit is alerted, as many as the venue refused.
      const expected = (got: string[]) => {
        expect(got[0]).toBe('KILL_SWITCH_TRIPPED');
        expect(got.at(-1)).toBe('FLATTEN_CONFIRMED');
        expect(got.slice(1, -1).length).toBeGreaterThanOrEqual(1);
        expect(new Set(got.slice(1, -1))).toEqual(new Set(['FLATTEN_FAILING']));
      };
      expected(webhookKinds(delivered));
      // The first attempt was answered 503 and retried: the same body, signed the same.
      expect(hook.received[0]?.body).toBe(delivered[0]?.body);
      for (const r of hook.received) {
        expect(r.path).toBe('/alerts');
        expect(r.headers['x-smart-orders-signature']).toBe(
          `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(r.body).digest('hex')}`,
        );
      }
      expect(telegramKinds(telegram.received)).toEqual(webhookKinds(delivered));
      expect(telegram.received.every((r) => r.path === `/bot${BOT_TOKEN}/sendMessage`)).toBe(true);
      expect(JSON.parse(telegram.received[0]?.body ?? '{}')).toMatchObject({ chat_id: '-100200' });

      // The log: one JSON record a line besides the CLI's own lines, the ids an operator needs.
      const records = stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(records.find((r) => r.event === 'KillSwitchTripped')).toMatchObject({
        level: 'error',
        component: 'run',
        account: 'venue-loss',
        reason: 'DAILY_LOSS_LIMIT',
      });
      expect(records.find((r) => r.event === 'EntryFilled')).toMatchObject({
        level: 'info',
        orderId: 'venue-long',
        clientOrderId: expect.any(String),
      });
      expect(records.find((r) => r.event === 'ReconciliationCompleted')).toBeDefined();
      expect(records.find((r) => r.msg === 'alert not delivered: retrying')).toMatchObject({
        level: 'warn',
        sink: 'webhook',
      });
      for (const secret of [API_KEY, SECRET, WEBHOOK_SECRET, BOT_TOKEN])
        expect(stderr).not.toContain(secret);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await hook.close();
      await telegram.close();
      await stepped.close();
    }
  }, 180_000);

  it('the watchdog finds the heartbeats stale: the trip and the flatten alerted as HEARTBEAT_LOST, its metrics show the account halted', async () => {
    const path = join(dir, 'silent.sqlite');
    const store = getSqliteEventStore(path);
    await store.appendBatch([
      {
        stream: accountStream('default'),
        expectedVersion: 'no_stream',
        events: [{ type: 'HeartbeatRecorded', ts: Date.now() - 10_000, data: {} }],
      },
    ]);
    await store.close();
    const hook = await sink();
    const child = startCli(
      [
        'watchdog',
        '--store',
        `sqlite:${path}`,
        '--exchange',
        'binance',
        '--url',
        venue.url,
        '--max-silence',
        '3',
        '--metrics-port',
        '0',
        '--webhook-url',
        hook.url,
      ],
      env,
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      const kinds = () => hook.received.map((r) => (JSON.parse(r.body) as { kind: string }).kind);
      expect(await until(() => kinds().includes('FLATTEN_CONFIRMED'), 60_000)).toBe(true);
      expect(kinds()).toEqual(['HEARTBEAT_LOST', 'FLATTEN_CONFIRMED']);
      const metricsUrl = /metrics on (http:\S+)/.exec(stderr)?.[1] as string;
      // The gauges follow the account as the watchdog's next look finds it (every 250 ms).
      let scraped = '';
      const halted = async () => {
        scraped = await (await fetch(metricsUrl)).text();
        return (
          sample(scraped, 'smart_orders_trading_state{account="default",state="HALTED"}') === 1
        );
      };
      expect(await until(halted, 10_000)).toBe(true);
      expect(sample(scraped, 'smart_orders_trading_state{account="default",state="HALTED"}')).toBe(
        1,
      );
      expect(
        sample(
          scraped,
          'smart_orders_kill_switch_trips_total{account="default",reason="HEARTBEAT_LOST"}',
        ),
      ).toBe(1);
      expect(
        sample(scraped, 'smart_orders_heartbeat_age_seconds{account="default"}'),
      ).toBeGreaterThan(9);
      const records = stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(records.find((r) => r.event === 'KillSwitchTripped')).toMatchObject({
        level: 'error',
        component: 'watchdog',
        account: 'default',
        reason: 'HEARTBEAT_LOST',
      });
      for (const secret of [API_KEY, SECRET, WEBHOOK_SECRET]) expect(stderr).not.toContain(secret);
    } finally {
      child.kill('SIGTERM');
      await exited;
      await hook.close();
    }
  }, 120_000);

  it.each([
    [
      ['--log-level', 'loud'],
      {},
      '--log-level: must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ],
    [
      ['--webhook-url', 'http://127.0.0.1:9/hook'],
      { SMART_ORDERS_WEBHOOK_SECRET: '' },
      '--webhook-url: SMART_ORDERS_WEBHOOK_SECRET must be set',
    ],
    [
      ['--webhook-url', 'ftp://example'],
      {},
      '--webhook-url: must be an http(s) URL, got "ftp://example"',
    ],
    [
      ['--telegram-chat', '42'],
      { SMART_ORDERS_TELEGRAM_TOKEN: ' ' },
      '--telegram-chat: SMART_ORDERS_TELEGRAM_TOKEN must be set',
    ],
    [
      ['--telegram-api-url', 'http://127.0.0.1:9'],
      {},
      '--telegram-api-url: only with --telegram-chat',
    ],
  ])(
    'refuses %j before it opens anything (exit 2)',
    async (flags, extra, message) => {
      const db = join(dir, 'refused.sqlite');
      const r = await runCliWith(
        [
          'run',
          '--plan',
          examplePlan,
          '--store',
          `sqlite:${db}`,
          '--exchange',
          'binance',
          '--url',
          venue.url,
          ...flags,
        ],
        { ...env, ...extra },
      );
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(message);
      expect(existsSync(db)).toBe(false);
    },
    30_000,
  );
});
