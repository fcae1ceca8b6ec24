import { getInMemoryEventStore, watchAccount, type EventStore } from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

const BEAT = 1_000;
const MAX_SILENCE = 5_000;

/** The account's last heartbeat at BEAT; a standby took the partition's lease at `takenAt`. */
const storeWith = async (takenAt: number | null): Promise<EventStore> => {
  const store = getInMemoryEventStore();
  await store.appendBatch([
    {
      stream: 'account-acct',
      expectedVersion: 'no_stream',
      events: [{ type: 'HeartbeatRecorded', ts: BEAT, data: {} }],
    },
    {
      stream: 'lease-acct',
      expectedVersion: 'no_stream',
      events: [
        { type: 'EngineLeaseTaken', ts: 0, data: { engineId: 'a', epoch: 1, until: 10_000 } },
        ...(takenAt === null
          ? []
          : [
              {
                type: 'EngineLeaseTaken',
                ts: takenAt,
                data: { engineId: 'b', epoch: 2, until: takenAt + 10_000 },
              },
            ]),
      ],
    },
  ]);
  return store;
};

const watchdog = (store: EventStore, clock: { now: number }, partition?: string) =>
  watchAccount({
    store,
    exchange: getPaperExchange(),
    accountId: 'acct',
    maxSilenceMs: MAX_SILENCE,
    now: () => clock.now,
    ...(partition === undefined ? {} : { partition }),
  });

const tripped = async (store: EventStore): Promise<boolean> =>
  (await store.readStream('account-acct')).some((e) => e.type === 'KillSwitchTripped');

describe('the watchdog and the lease agree', () => {
  it('a standby taking the partition over is a sign of life: the silence counts from the takeover, not from the dead owner’s last heartbeat', async () => {
    const store = await storeWith(10_000);
    const clock = { now: 12_000 };
    const dog = watchdog(store, clock, 'acct');
    expect(await dog.check()).toBe('FRESH');
    clock.now = 10_000 + MAX_SILENCE;
    expect(await dog.check()).toBe('FRESH');
    expect(await tripped(store)).toBe(false);
    // The new owner never beats: it is as dead as the old one, and the watchdog acts.
    clock.now = 10_000 + MAX_SILENCE + 1;
    expect(await dog.check()).not.toBe('FRESH');
    expect(await tripped(store)).toBe(true);
    dog.stop();
  });

  it('without a takeover (or without --partition) the silence counts from the last heartbeat, as before', async () => {
    const alone = await storeWith(null);
    const dog = watchdog(alone, { now: BEAT + MAX_SILENCE + 1 }, 'acct');
    expect(await dog.check()).not.toBe('FRESH');
    expect(await tripped(alone)).toBe(true);
    dog.stop();

    const unnamed = await storeWith(10_000);
    const blind = watchdog(unnamed, { now: 12_000 });
    expect(await blind.check()).not.toBe('FRESH');
    expect(await tripped(unnamed)).toBe(true);
    blind.stop();
  });
});
