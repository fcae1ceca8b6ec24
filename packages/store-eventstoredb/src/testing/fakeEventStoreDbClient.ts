import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type Filter,
  type Position,
  type ReadPosition,
  type StreamMetadata,
} from '@eventstore/db-client';
import type { AllEventsSubscription, EventStoreDbClient } from '../eventStoreDbClient';

/** A stand-in for the server, to test the adapter where no EventStoreDB can run. */
export interface FakeEventStoreDbClient extends EventStoreDbClient {
  /** Fails every open subscription with `error`, as a dropped connection does. */
  readonly dropSubscriptions: (error: Error) => void;
  /** The start position of every subscription opened, in order. */
  readonly subscriptionStarts: readonly ReadPosition[];
  readonly metadataOf: (streamName: string) => StreamMetadata | undefined;
  /** The raw server events of a stream, ignoring `maxCount`. */
  readonly rawStream: (streamName: string) => readonly AllStreamRecordedEvent[];
}

const isAfter = (a: Position, b: Position): boolean =>
  a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);
const isAtOrAfter = (a: Position, b: Position): boolean => !isAfter(b, a);

const matches = (filter: Filter | undefined, event: AllStreamRecordedEvent): boolean => {
  if (filter === undefined) return true;
  const subject = filter.filterOn === 'streamName' ? event.streamId : event.type;
  return 'prefixes' in filter
    ? filter.prefixes.some((p) => subject.startsWith(p))
    : new RegExp(filter.regex).test(subject);
};

/** Lets other callers run between a request and its answer, as the network does. */
const roundTrip = (): Promise<void> => new Promise((done) => setImmediate(done));

/**
 * Only what the adapter calls, with the server's semantics as documented: 0-based revisions,
 * `WrongExpectedVersionError` with `no_stream` or a bigint, `StreamNotFoundError` on reading a
 * missing stream, `maxCount` metadata, metadata events in `$$` streams, `$all` positions that
 * are byte offsets with commit = prepare, forward `$all` reads inclusive of their start,
 * subscriptions exclusive of theirs, filtered on the server.
 */
export const getFakeEventStoreDbClient = (): FakeEventStoreDbClient => {
  const log: AllStreamRecordedEvent[] = [];
  const streams = new Map<string, AllStreamRecordedEvent[]>();
  const metadata = new Map<string, StreamMetadata>();
  const wakers = new Set<() => void>();
  const failers = new Set<(error: Error) => void>();
  const subscriptionStarts: ReadPosition[] = [];
  let logEnd = 1_000n;

  const write = (streamId: string, type: string, data: unknown, meta: unknown): bigint => {
    const events = streams.get(streamId) ?? [];
    const json = JSON.stringify(data);
    const position = { commit: logEnd, prepare: logEnd };
    logEnd += 64n + BigInt(Buffer.byteLength(json));
    const recorded = {
      streamId,
      id: `${streamId}@${events.length}`,
      isJson: true,
      revision: BigInt(events.length),
      type,
      created: new Date(0),
      data: JSON.parse(json),
      metadata: meta === undefined ? undefined : JSON.parse(JSON.stringify(meta)),
      position,
    } as AllStreamRecordedEvent;
    events.push(recorded);
    streams.set(streamId, events);
    log.push(recorded);
    return recorded.revision;
  };

  const visible = (streamName: string): AllStreamRecordedEvent[] => {
    const events = streams.get(streamName);
    if (events === undefined) throw new StreamNotFoundError(undefined, streamName);
    const maxCount = metadata.get(streamName)?.maxCount;
    return maxCount === undefined ? events : events.slice(-maxCount);
  };

  return {
    appendToStream: async (streamName, events, { expectedRevision }) => {
      await roundTrip();
      const existing = streams.get(streamName);
      const current = existing === undefined ? NO_STREAM : BigInt(existing.length - 1);
      const accepted =
        expectedRevision === ANY ||
        (expectedRevision === NO_STREAM && current === NO_STREAM) ||
        (expectedRevision === STREAM_EXISTS && current !== NO_STREAM) ||
        expectedRevision === current;
      if (!accepted) {
        throw new WrongExpectedVersionError(undefined, {
          streamName,
          expected: expectedRevision,
          current,
        });
      }
      let revision = -1n;
      for (const event of events)
        revision = write(streamName, event.type, event.data, event.metadata);
      const last = log.at(-1)?.position;
      wakers.forEach((wake) => wake());
      return {
        success: true,
        nextExpectedRevision: revision,
        ...(last === undefined ? {} : { position: last }),
      };
    },

    readStream: async function* (streamName, options) {
      await roundTrip();
      const { fromRevision = START, direction, maxCount = Number.MAX_SAFE_INTEGER } = options;
      const events = visible(streamName);
      const selected =
        direction === BACKWARDS
          ? events
              .filter(
                (e) =>
                  fromRevision === END ||
                  e.revision <= (fromRevision === START ? 0n : fromRevision),
              )
              .reverse()
          : events.filter(
              (e) =>
                fromRevision !== END && e.revision >= (fromRevision === START ? 0n : fromRevision),
            );
      for (const event of selected.slice(0, Number(maxCount))) yield { event };
    },

    readAll: async function* (options) {
      await roundTrip();
      const { fromPosition = START, maxCount = Number.MAX_SAFE_INTEGER, direction } = options;
      if (direction === BACKWARDS || fromPosition === END) {
        throw new Error('the fake reads $all forwards from the start or a position only');
      }
      const selected =
        fromPosition === START ? log : log.filter((e) => isAtOrAfter(e.position, fromPosition));
      for (const event of selected.slice(0, Number(maxCount))) {
        yield { event, commitPosition: event.position.commit };
      }
    },

    subscribeToAll: ({ fromPosition = START, filter } = {}) => {
      subscriptionStarts.push(fromPosition);
      let next =
        fromPosition === START
          ? 0
          : fromPosition === END
            ? log.length
            : log.findIndex((e) => isAfter(e.position, fromPosition));
      if (next === -1) next = log.length;
      let ended = false;
      let failure: Error | null = null;
      let wake: (() => void) | null = null;
      const waker = (): void => wake?.();
      const failer = (error: Error): void => {
        failure = error;
        wake?.();
      };
      wakers.add(waker);
      failers.add(failer);
      const stop = (): void => {
        ended = true;
        wakers.delete(waker);
        failers.delete(failer);
        wake?.();
      };
      const subscription: AllEventsSubscription = {
        [Symbol.asyncIterator]: () => ({
          next: async (): Promise<IteratorResult<AllStreamResolvedEvent>> => {
            await roundTrip();
            for (;;) {
              if (failure !== null) {
                const error = failure;
                stop();
                throw error;
              }
              if (ended) return { done: true, value: undefined };
              while (next < log.length) {
                const event = log[next] as AllStreamRecordedEvent;
                next += 1;
                if (matches(filter, event))
                  return { done: false, value: { event, commitPosition: event.position.commit } };
              }
              await new Promise<void>((resume) => {
                wake = resume;
              });
              wake = null;
            }
          },
          return: async () => {
            stop();
            return { done: true, value: undefined };
          },
        }),
        unsubscribe: async () => stop(),
      };
      return subscription;
    },

    setStreamMetadata: async (streamName, streamMetadata) => {
      await roundTrip();
      metadata.set(streamName, streamMetadata);
      write(`$$${streamName}`, '$metadata', streamMetadata, undefined);
      return { success: true };
    },

    dispose: async () => {
      failers.forEach((fail) => fail(new Error('the client is disposed')));
    },

    dropSubscriptions: (error) => failers.forEach((fail) => fail(error)),
    subscriptionStarts,
    metadataOf: (streamName) => metadata.get(streamName),
    rawStream: (streamName) => streams.get(streamName) ?? [],
  };
};
