import type { AppendToStream } from '@smart-orders/engine';

/** A version no stream can be at: the required value of expectations that contradict each other. */
const UNREACHABLE = -1;

export interface StreamRequirements {
  readonly streams: string[];
  /** Events the batch appends to each stream. */
  readonly counts: number[];
  /** The version each stream must be at before the batch; null when any version will do. */
  readonly required: (number | null)[];
}

/**
 * Reduces the expected versions of a batch to one required version per stream, so that the
 * database can check them all at once. A stream appended twice is expected, the second time,
 * at the version its first append leaves: `5` after two events requires version 3 before.
 */
export const requiredVersions = (appends: readonly AppendToStream[]): StreamRequirements => {
  const counts = new Map<string, number>();
  const required = new Map<string, number | null>();
  for (const { stream, expectedVersion, events } of appends) {
    const offset = counts.get(stream) ?? 0;
    const needed =
      expectedVersion === 'any'
        ? null
        : expectedVersion === 'no_stream'
          ? offset === 0
            ? 0
            : UNREACHABLE
          : expectedVersion - offset >= 0
            ? expectedVersion - offset
            : UNREACHABLE;
    const earlier = required.has(stream) ? (required.get(stream) ?? null) : null;
    required.set(
      stream,
      earlier === null ? needed : needed === null || needed === earlier ? earlier : UNREACHABLE,
    );
    counts.set(stream, offset + events.length);
  }
  const streams = [...counts.keys()];
  return {
    streams,
    counts: streams.map((s) => counts.get(s) ?? 0),
    required: streams.map((s) => required.get(s) ?? null),
  };
};
