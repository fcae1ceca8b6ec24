import { clientOrderId, PURPOSE } from '@smart-orders/core';
import { getScriptedExchange } from '@smart-orders/testkit';
import { createEngine } from '../createEngine';
import type { StoredEvent } from '../ports/eventStore';
import type { ExchangeReport } from '../ports/exchange';
import { getInMemoryEventStore } from '../stores/memoryEventStore';
import { order, SYMBOL, tick } from './venues.spec.helper';
import { warningsInto } from './warningsInto.spec.helper';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A venue that tells every report twice, the second late: the copy of the fill that ended an
 * order finds it ended. Live protocols on, so that an unexpected fill would reconcile.
 */
const liveEngine = () => {
  const warnings: string[] = [];
  const engine = createEngine({
    store: getInMemoryEventStore(),
    exchange: getScriptedExchange({ script: () => ({ lateMs: 2, twice: true }) }),
    account: { id: 'desk', liveProtocols: true, heartbeatMs: 100, symbols: [SYMBOL] },
    logger: warningsInto(warnings),
  });
  const log: StoredEvent[] = [];
  engine.events$.subscribe((e) => log.push(e));
  return { engine, warnings, log };
};

/** An order entered at 100, then a tick at `exit` (its take-profit 105, its stop 95), settled. */
const toExit = async (engine: ReturnType<typeof createEngine>, exit: number): Promise<void> => {
  await engine.process({ tick: tick(1_000, 100) });
  await engine.process({ commands: [order({ ts: 1_001 })] });
  await engine.process({ tick: tick(2_000, 100) });
  await sleep(20);
  await engine.process({ tick: tick(3_000, exit) });
  await sleep(50);
};

const reconciledFor = (log: readonly StoredEvent[], reason: string): boolean =>
  log.some(
    (e) => e.type === 'ReconciliationStarted' && (e.data as { reason: string }).reason === reason,
  );

describe('the late copy of a fill that ended its order (a venue that tells each fill twice)', () => {
  it.each([
    ['closed by its take-profit', 106, 'SmartOrderClosed'],
    ['stopped', 94, 'SmartOrderStopped'],
  ])('%s: warns of nothing and starts no reconciliation', async (_name, exit, terminal) => {
    const { engine, warnings, log } = liveEngine();
    await engine.start();
    try {
      await toExit(engine, exit);
      expect(log.map((e) => e.type)).toContain(terminal);
      expect(warnings.filter((w) => w.includes('ignored report'))).toEqual([]);
      expect(reconciledFor(log, 'UNEXPECTED_FILL')).toBe(false);
    } finally {
      await engine.stop();
    }
  });

  it('a fill beyond what the ended order recorded is still warned of, and reconciled', async () => {
    const { engine, warnings, log } = liveEngine();
    const reports: ExchangeReport[] = [];
    await engine.start();
    try {
      await toExit(engine, 106);
      const tp = clientOrderId('o-1', PURPOSE.takeProfit, 1, 1);
      reports.push({
        clientOrderId: tp,
        symbol: SYMBOL,
        ts: 3_500,
        execType: 'TRADE',
        lastPrice: 106,
        lastQuantity: 0.5,
        cumulativeQuantity: 1.5,
      });
      await engine.process({ reports });
      for (let i = 0; i < 40 && !reconciledFor(log, 'UNEXPECTED_FILL'); i++) await sleep(25);
      expect(warnings.some((w) => w.includes(`ignored report ${tp}`))).toBe(true);
      expect(reconciledFor(log, 'UNEXPECTED_FILL')).toBe(true);
    } finally {
      await engine.stop();
    }
  });
});
