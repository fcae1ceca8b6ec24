import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '@smart-orders/engine';
import { ETH_FIRST_TS, ethLong, startPanel, type Panel } from '../testing/panelFixture';
import { replayUntil } from '../testing/playUntil';

jest.setTimeout(60_000);

const ladder = {
  ...ethLong('resumed'),
  takeProfits: [
    { price: 2683, sizePct: 50 },
    { price: 2684, sizePct: 50 },
  ],
};

const logOf = (events: readonly StoredEvent[]) =>
  events.map(({ stream, version, ts, type, data }) => ({ stream, version, ts, type, data }));

describe('a panel on a durable store', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-resume-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const firstHalf = async (panel: Panel) => {
    await panel.api('POST', '/api/orders', ladder);
    const at = await replayUntil(panel, ETH_FIRST_TS + 9_000);
    const moved = await panel.api('POST', '/api/orders/resumed/stop-loss', { price: 2670 });
    expect(moved.body.events).toMatchObject([{ type: 'StopLossModified', ts: at.time }]);
    return at;
  };

  it('started again, carries on after the last command and ends with the log of an uninterrupted run', async () => {
    const straight = await startPanel({ dir: freshDir() });
    await firstHalf(straight);
    await replayUntil(straight, ETH_FIRST_TS + 20_000);
    const expected = logOf(await straight.store.readAll(0));
    await straight.close();

    const dir = freshDir();
    const before = await startPanel({ dir });
    const at = await firstHalf(before);
    await before.close();
    const after = await startPanel({ dir });
    try {
      const { body: market } = await after.api('GET', '/api/market');
      expect(market).toMatchObject({ time: at.time, replay: { played: at.played, paused: true } });
      const { body: order } = await after.api('GET', '/api/orders/resumed');
      expect(order.order).toMatchObject({ progress: '1/2', stopLoss: 2670 });
      await replayUntil(after, ETH_FIRST_TS + 20_000);
      const log = logOf(await after.store.readAll(0));
      expect(log).toEqual(expected);
      expect(log.map((e) => e.type)).toContain('SmartOrderClosed');
    } finally {
      await after.close();
    }
  });
});
