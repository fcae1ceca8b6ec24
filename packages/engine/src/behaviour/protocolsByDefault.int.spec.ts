import { getPaperExchange } from '@smart-orders/exchange-paper';
import { getScriptedExchange } from '@smart-orders/testkit';
import { createEngine } from '../createEngine';
import type { Engine, EngineOptions } from '../engine';
import type { Exchange } from '../ports/exchange';
import { getInMemoryEventStore } from '../stores/memoryEventStore';
import { warningsInto } from './warningsInto.spec.helper';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An exchange that trades on its own clock, as a live one does: no `matchTick`. */
const liveExchange = (): Exchange => {
  const { matchTick: _inTickTime, ...live } = getScriptedExchange();
  return live;
};

/**
 * SEMANTICS §7 v2, "on by default when live": an engine embedded with a live exchange guards the
 * account `default` as `run` does, unless told `account: false`; on paper it writes no account
 * event, so a replay's log stays a pure function of its ticks.
 */
describe('the account protocols by default', () => {
  const started: Engine[] = [];
  afterEach(async () => {
    for (const engine of started.splice(0)) await engine.stop();
  });

  const startEngine = async (options: Omit<EngineOptions, 'store' | 'logger'>) => {
    const store = getInMemoryEventStore();
    const engine = createEngine({ store, logger: warningsInto([]), ...options });
    started.push(engine);
    await engine.start();
    return { engine, store };
  };

  it('a live exchange and no account: the account default is reconciled at start and heartbeats are written', async () => {
    const { engine, store } = await startEngine({ exchange: liveExchange() });
    expect(engine.account()).toMatchObject({ accountId: 'default', gate: 'OPEN' });
    await sleep(1_200);
    const types = (await store.readStream('account-default')).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['ReconciliationStarted', 'ReconciliationCompleted']),
    );
    expect(types.filter((t) => t === 'HeartbeatRecorded').length).toBeGreaterThanOrEqual(2);
  }, 20_000);

  it('a live exchange with account: false: no account, and not one account event', async () => {
    const { engine, store } = await startEngine({ exchange: liveExchange(), account: false });
    expect(engine.account()).toBeUndefined();
    await sleep(1_200);
    expect(await store.readStream('account-default')).toEqual([]);
  }, 20_000);

  it('the paper exchange and no account: no account, and not one account event', async () => {
    const { engine, store } = await startEngine({ exchange: getPaperExchange() });
    expect(engine.account()).toBeUndefined();
    await sleep(1_200);
    expect(await store.readStream('account-default')).toEqual([]);
  }, 20_000);
});
