import type { ReplayStatus } from '../market/market';
import type { PushClient } from './pushClient';
import type { Panel } from './panelFixture';

/** Waits until the replay is paused; resolves with where it stands. */
export const paused = async (panel: Panel): Promise<ReplayStatus & { time: number }> => {
  for (;;) {
    const { body } = await panel.api('GET', '/api/market');
    if (body.replay.paused) return { ...body.replay, time: body.time };
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Plays the replay as fast as it goes up to market time `pauseAt`, then waits for the pause. */
export const replayUntil = async (
  panel: Panel,
  pauseAt: number,
): Promise<ReplayStatus & { time: number }> => {
  await panel.api('POST', '/api/replay', { paused: false, speed: 1e9, pauseAt });
  return paused(panel);
};

/**
 * Waits until the replay is paused, then until the client has heard so: the market message
 * comes after every event of the ticks played, on the same connection, so the client then
 * has them all.
 */
export const heardPause = async (panel: Panel, client: PushClient): Promise<void> => {
  const replay = await paused(panel);
  await client.next(
    (m) =>
      (m.type === 'market' || m.type === 'snapshot') &&
      m.market.replay?.paused === true &&
      m.market.replay.played === replay.played,
    30_000,
  );
};

/** Plays the replay as fast as it goes up to market time `pauseAt`, until the client has heard it pause. */
export const playUntil = async (
  panel: Panel,
  client: PushClient,
  pauseAt: number,
): Promise<void> => {
  await panel.api('POST', '/api/replay', { paused: false, speed: 1e9, pauseAt });
  await heardPause(panel, client);
};
