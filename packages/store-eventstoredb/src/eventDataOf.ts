import { jsonEvent, type EventData, type JSONType } from '@eventstore/db-client';
import type { NewEvent } from '@smart-orders/engine';

/**
 * A port event as a JSON event. `ts` goes to the metadata because the server's `created` is its
 * own clock, and the envelope's time is the tick's. Undefined data is stored as null, as JSON can.
 */
export const eventDataOf = (event: NewEvent): EventData =>
  jsonEvent({
    type: event.type,
    // The client JSON-encodes any value; its JSONType is narrower than what JSON allows.
    data: (event.data === undefined ? null : event.data) as JSONType,
    metadata: { ts: event.ts },
  });
