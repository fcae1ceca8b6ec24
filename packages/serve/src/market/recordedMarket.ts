import type { Tick } from '@smart-orders/core';
import {
  readReplayCheckpoint,
  replayTicks,
  type Engine,
  type EventStore,
} from '@smart-orders/engine';
import type { RecordedFeed } from '../serveOptions';
import type { Market, MarketStatus } from './market';
import { createPacer, ReplayStopped } from './pacer';

export interface RecordedMarketOptions {
  readonly engine: Engine;
  readonly store: EventStore;
  readonly exchangeId: string;
  readonly feed: RecordedFeed;
  readonly onTick: (tick: Tick) => void;
  readonly onWarning: (message: string) => void;
}

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * A recorded tick file played through `replayTicks` (plan, checkpoint per tick, resume after a
 * restart) with each tick held back until it is due in real time × speed. The engine's one
 * work queue puts a user's command between two ticks; it is stamped with the last tick's time
 * and saved with its checkpoint, so a resumed replay never plays a tick before it again.
 */
export const createRecordedMarket = async (options: RecordedMarketOptions): Promise<Market> => {
  const { engine, store, feed, onTick, onWarning } = options;
  const { ticks, checkpointName } = feed;
  const pacer = createPacer({ speed: feed.speed, paused: feed.paused ?? false });
  const saved = await store.readCheckpoint(checkpointName);
  let lastIndex: number | null = readReplayCheckpoint(saved).after;
  // The last tick's checkpoint as the replay wrote it: a command saved with it keeps where that
  // tick's events begin.
  let lastCheckpoint = saved;
  const prices: Record<string, number> = {};
  let finished = false;
  const symbols = [...new Set(ticks.map((t) => t.symbol))];
  let running: Promise<void> | null = null;

  const lastTick = (): Tick | undefined => (lastIndex === null ? undefined : ticks[lastIndex]);
  const noteTick = (tick: Tick) => {
    const price = tick.price ?? tick.bid ?? tick.ask;
    if (price !== undefined) prices[tick.symbol] = price;
  };
  const resumedAt = lastTick();
  if (lastIndex !== null && resumedAt === undefined)
    throw new Error(
      `checkpoint ${checkpointName} is at tick ${saved}, beyond the ${ticks.length} ticks given: is it the same tick file?`,
    );
  if (resumedAt !== undefined) noteTick(resumedAt);

  const paced: Engine = {
    ...engine,
    async process(work) {
      if (work.tick !== undefined) {
        await pacer.due(work.tick.ts);
        if (work.checkpoint !== undefined) {
          lastCheckpoint = work.checkpoint.value;
          lastIndex = readReplayCheckpoint(lastCheckpoint).after;
        }
        noteTick(work.tick);
      }
      const result = await engine.process(work);
      if (work.tick !== undefined) onTick(work.tick);
      return result;
    },
  };

  const status = (): MarketStatus => ({
    mode: 'recorded',
    exchange: options.exchangeId,
    time: lastTick()?.ts ?? null,
    symbols,
    prices: { ...prices },
    replay: {
      speed: pacer.speed,
      paused: pacer.paused,
      played: lastIndex === null ? 0 : lastIndex + 1,
      total: ticks.length,
      finished,
      pauseAt: pacer.pauseAt,
    },
  });

  return {
    start() {
      running = replayTicks({
        engine: paced,
        store,
        ticks,
        plan: feed.plan ?? { orders: [], commands: [] },
        checkpointName,
        onRejection: (r) =>
          onWarning(
            `plan: ${r.command.type} at ${new Date(r.at).toISOString()} rejected: ${r.error.code}: ${r.error.message}`,
          ),
      }).then(
        (outcome) => {
          finished = true;
          for (const c of outcome.unreached)
            onWarning(
              `plan: ${c.type} at ${new Date(c.ts).toISOString()} never took effect: it is after the last tick`,
            );
        },
        (e: unknown) => {
          if (!(e instanceof ReplayStopped)) onWarning(`the replay stopped: ${describe(e)}`);
        },
      );
    },
    async stop() {
      pacer.stop();
      await running;
    },
    commandTs: () => lastTick()?.ts ?? (ticks[0] as Tick).ts,
    commandCheckpoint: () =>
      lastCheckpoint === null ? undefined : { name: checkpointName, value: lastCheckpoint },
    watch: () => undefined,
    status,
    control: (change) => pacer.set(change),
  };
};
