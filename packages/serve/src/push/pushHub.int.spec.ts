import { join } from 'node:path';
import { accountStream } from '@smart-orders/engine';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import { connectPush } from '../testing/pushClient';
import { ETH_FIRST_TS, ethLong, startPanel, type Panel } from '../testing/panelFixture';
import { heardPause, playUntil } from '../testing/playUntil';

jest.setTimeout(60_000);

describe('the WebSocket', () => {
  let panel: Panel;
  beforeEach(async () => {
    panel = await startPanel();
  });
  afterEach(async () => panel.close());

  it('sends a snapshot on connect, then every event and every order change live', async () => {
    await panel.api('POST', '/api/orders', ethLong('early'));
    const client = await connectPush(panel.serve.url);
    const snapshot = await client.next((m) => m.type === 'snapshot');
    expect(snapshot).toMatchObject({
      type: 'snapshot',
      position: 1,
      orders: [{ orderId: 'early', status: 'PENDING' }],
      market: {
        mode: 'recorded',
        exchange: 'paper',
        time: null,
        replay: { paused: true, played: 0 },
      },
    });
    await panel.api('POST', '/api/orders', ethLong('late'));
    await playUntil(panel, client, ETH_FIRST_TS + 30_000);
    const stored = await panel.store.readAll(1);
    expect(client.eventPositions()).toEqual(stored.map((e) => e.position));
    const progress = client.received.flatMap((r) =>
      r.message.type === 'order' && r.message.order.orderId === 'early'
        ? [r.message.order.progress]
        : [],
    );
    // Every change reaches the client live; a view published again with the same progress (the
    // entry's fill changes the status, not the levels) is not a step of its own.
    expect(progress.filter((p, i) => p !== progress[i - 1])).toEqual(['0/2', '1/2', '2/2']);
    const market = client.received.flatMap((r) => (r.message.type === 'market' ? [r.message] : []));
    expect(market.flatMap((m) => m.prices['ETH/USDT'] ?? []).length).toBeGreaterThan(20);
    await client.close();
  });

  it('gives a client that reconnects with its position exactly the events it missed, then live, with no gap or repeat at the seam', async () => {
    await panel.api('POST', '/api/orders', ethLong('a'));
    const first = await connectPush(panel.serve.url);
    await playUntil(panel, first, ETH_FIRST_TS + 9_000);
    const seen = first.eventPositions();
    const last = seen[seen.length - 1] as number;
    await first.close();

    await panel.api('POST', '/api/orders', {
      ...ethLong('b'),
      takeProfits: [{ price: 2684.3, sizePct: 100 }],
    });
    await panel.api('POST', '/api/orders/a/stop-loss', { price: 2670 });
    const missed = (await panel.store.readAll(last)).map((e) => e.position);
    expect(missed.length).toBeGreaterThan(1);

    // The replay runs on while the client catches up, so live events arrive at the seam.
    await panel.api('POST', '/api/replay', {
      paused: false,
      speed: 1e9,
      pauseAt: ETH_FIRST_TS + 60_000,
    });
    const again = await connectPush(panel.serve.url, `?after=${last}`);
    await heardPause(panel, again);
    const all = (await panel.store.readAll(last)).map((e) => e.position);
    expect(all.length).toBeGreaterThan(missed.length);
    expect(again.eventPositions()).toEqual(all);
    const firstMessages = again.received.slice(0, missed.length).map((r) => r.message.type);
    expect(firstMessages).toEqual(missed.map(() => 'event'));
    const snapshotAt = again.received.findIndex((r) => r.message.type === 'snapshot');
    expect(snapshotAt).toBeGreaterThanOrEqual(missed.length);
    await again.close();
  });

  it('pushes what another process appends to the same store, since it follows the store’s feed', async () => {
    const client = await connectPush(panel.serve.url);
    await client.next((m) => m.type === 'snapshot');
    const other = getSqliteEventStore(join(panel.dir, 'orders.sqlite'));
    try {
      const appended = await other.appendBatch([
        {
          stream: accountStream('elsewhere'),
          expectedVersion: 'no_stream',
          events: [{ type: 'HeartbeatRecorded', ts: ETH_FIRST_TS, data: { ts: ETH_FIRST_TS } }],
        },
      ]);
      const position = appended._tag === 'Right' ? appended.right.events[0]?.position : undefined;
      const pushed = await client.next((m) => m.type === 'event');
      expect(pushed).toMatchObject({
        type: 'event',
        event: { position, stream: 'account-elsewhere', type: 'HeartbeatRecorded' },
      });
    } finally {
      await other.close();
      await client.close();
    }
  });

  it('starts afresh from a position past the store, and refuses a malformed one or another site', async () => {
    await panel.api('POST', '/api/orders', ethLong('a'));
    const future = await connectPush(panel.serve.url, '?after=999');
    expect((await future.next(() => true)).type).toBe('snapshot');
    await future.close();
    await expect(connectPush(panel.serve.url, '?after=-1')).rejects.toThrow('upgrade refused: 400');
    await expect(
      connectPush(panel.serve.url, '', { origin: 'http://evil.example' }),
    ).rejects.toThrow('upgrade refused: 403');
  });
});
