import type { StoredEvent } from '@smart-orders/engine';
import { alignColumns } from './alignColumns';
import { describeEvent } from './describeEvent';
import { isoTime } from './numberText';

/** Streamed rows cannot measure what comes next, so they pad to widths that fit most ids (the demo's included). */
const ORDER_WIDTH = 18;
const TYPE_WIDTH = 23;
const ISO_WIDTH = '1970-01-01T00:00:00.000Z'.length;

const cells = (e: StoredEvent): [string, string, string, string] => [
  isoTime(e.ts),
  e.orderId ?? e.stream,
  e.type,
  describeEvent(e.type, e.data),
];

const HEADER = ['TIME', 'ORDER', 'EVENT', 'DETAILS'];

/** One timeline row, for events printed as they happen; columns line up with `timelineHeader`. */
export const formatTimelineRow = (e: StoredEvent): string => {
  const [time, order, type, details] = cells(e);
  return `${time}  ${order.padEnd(ORDER_WIDTH)}  ${type.padEnd(TYPE_WIDTH)}  ${details}`.trimEnd();
};

export const timelineHeader = (): string =>
  [
    'TIME'.padEnd(ISO_WIDTH),
    'ORDER'.padEnd(ORDER_WIDTH),
    'EVENT'.padEnd(TYPE_WIDTH),
    'DETAILS',
  ].join('  ');

/** A readable timeline of events: time with ms (UTC), order, event, its key fields. */
export const formatTimeline = (events: readonly StoredEvent[]): string =>
  alignColumns([HEADER, ...events.map(cells)])
    .map((line) => line.trimEnd())
    .join('\n');
