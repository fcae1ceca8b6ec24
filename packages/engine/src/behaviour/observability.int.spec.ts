import { getScriptedExchange } from '@smart-orders/testkit';
import {
  createEngine,
  createEngineMetrics,
  createLogger,
  getInMemoryEventStore,
} from '@smart-orders/engine';
import { order, tick } from './venues.spec.helper';

const recordsInto = (records: Record<string, unknown>[], level: 'info' | 'warn' = 'info') =>
  createLogger({
    level,
    destination: {
      write: (line: string) => records.push(JSON.parse(line) as Record<string, unknown>),
    },
  });

describe('the engine in the operator’s log and metrics', () => {
  it('writes a warning as a record naming the order, its client order id, the venue and the error class', async () => {
    const records: Record<string, unknown>[] = [];
    const exchange = getScriptedExchange({
      script: (r) => (r.reduceOnly ? { noAnswer: 'LOST' } : {}),
    });
    const engine = createEngine({
      store: getInMemoryEventStore(),
      exchange,
      logger: recordsInto(records, 'warn'),
    });
    await engine.start();
    await engine.process({ commands: [order()] });
    await engine.tick(tick(10, 100));
    await engine.tick(tick(20, 106));
    await engine.stop();
    const exit = exchange.requests.find((r) => r.reduceOnly);
    const unknown = records.find((r) => String(r.msg).includes('outcome unknown'));
    expect(unknown).toMatchObject({
      level: 'warn',
      orderId: 'o-1',
      clientOrderId: exit?.clientOrderId,
      symbol: 'BTC/USDT',
      venue: exchange.id,
      errorClass: 'UNKNOWN_OUTCOME',
    });
    expect(typeof unknown?.time).toBe('string');
  });

  it('logs each committed event with the ids an operator searches by', async () => {
    const records: Record<string, unknown>[] = [];
    const engine = createEngine({
      store: getInMemoryEventStore(),
      exchange: getScriptedExchange(),
      logger: recordsInto(records),
    });
    await engine.start();
    await engine.process({ commands: [order()] });
    await engine.tick(tick(10, 100));
    await engine.stop();
    const filled = records.find((r) => r.event === 'EntryFilled');
    expect(filled).toMatchObject({ level: 'info', orderId: 'o-1', stream: 'smart-order-o-1' });
    expect(typeof filled?.clientOrderId).toBe('string');
    expect(records.find((r) => r.event === 'SmartOrderCreated')).toMatchObject({
      symbol: 'BTC/USDT',
    });
  });

  it('never writes an API key, a secret or a token, at any depth', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (l: string) => lines.push(l) },
    });
    logger.info(
      { apiKey: 'KEY-1234', exchange: { secret: 'SECRET-5678', token: 'TOKEN-9' } },
      'connected',
    );
    expect(lines.join('')).not.toMatch(/KEY-1234|SECRET-5678|TOKEN-9/);
    expect(lines.join('')).toContain('[redacted]');
  });

  it('counts ticks, decisions, intents, sends with their latency, and open orders by status', async () => {
    const metrics = createEngineMetrics();
    const exchange = getScriptedExchange({
      script: (r) => (r.reduceOnly ? { noAnswer: 'LOST' } : { lateMs: 5 }),
    });
    const engine = createEngine({
      store: getInMemoryEventStore(),
      exchange,
      metrics,
      logger: recordsInto([], 'warn'),
    });
    await engine.start();
    await engine.process({
      commands: [order(), order({ orderId: 'o-2', entry: { type: 'LIMIT', price: 98 } })],
    });
    await engine.tick(tick(10, 100));
    await engine.tick(tick(20, 106));
    await engine.stop();
    const text = await metrics.registry.metrics();
    const value = (line: string): number => {
      const found = text.split('\n').find((l) => l.startsWith(`${line} `));
      return found === undefined ? NaN : Number(found.slice(line.length + 1));
    };
    expect(value('smart_orders_ticks_total{symbol="BTC/USDT"}')).toBe(2);
    expect(value('smart_orders_decisions_total')).toBeGreaterThanOrEqual(4);
    expect(value('smart_orders_intents_total{kind="place"}')).toBeGreaterThanOrEqual(3);
    expect(
      value('smart_orders_sends_total{kind="place",outcome="answered"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(value('smart_orders_unknown_outcomes_total')).toBe(1);
    const latencyCount = value('smart_orders_send_latency_seconds_count{kind="place"}');
    expect(latencyCount).toBeGreaterThanOrEqual(2);
    // The scripted venue answers after 5 ms: no answer can come sooner.
    expect(
      value('smart_orders_send_latency_seconds_sum{kind="place"}') / latencyCount,
    ).toBeGreaterThanOrEqual(0.004);
    expect(value('smart_orders_open_orders{status="PENDING"}')).toBe(1);
    expect(value('smart_orders_last_tick_age_seconds{symbol="BTC/USDT"}')).toBeGreaterThanOrEqual(
      0,
    );
    expect(value('smart_orders_events_total{type="SmartOrderCreated"}')).toBe(2);
  });
});
