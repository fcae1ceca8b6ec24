import type { RecordedEvent } from '@eventstore/db-client';
import { eventDataOf } from './eventDataOf';
import { storedEventOf } from './storedEventOf';

const recorded = (overrides: Partial<RecordedEvent>): RecordedEvent =>
  ({
    streamId: 'run-1-smart-order-o-1',
    id: 'e-1',
    isJson: true,
    revision: 2n,
    type: 'TpFilled',
    created: new Date(0),
    data: { level: 1 },
    metadata: { ts: 1_700_000_000_000 },
    position: { commit: 5_120n, prepare: 5_120n },
    ...overrides,
  }) as RecordedEvent;

describe('the envelope of a server event', () => {
  it('keeps ts in the JSON metadata, not in the data', () => {
    const data = eventDataOf({ type: 'TpFilled', ts: 1_700_000_000_000, data: { level: 1 } });
    expect(data).toMatchObject({
      contentType: 'application/json',
      type: 'TpFilled',
      data: { level: 1 },
      metadata: { ts: 1_700_000_000_000 },
    });
    expect(eventDataOf({ type: 'T', ts: 1, data: undefined }).data).toBeNull();
  });

  it('is the envelope of EVENTS.md with the 1-based version and the numeric position', () => {
    const event = storedEventOf('smart-order-o-1', recorded({}));
    expect(event).toEqual({
      position: 5_120,
      stream: 'smart-order-o-1',
      orderId: 'o-1',
      version: 3,
      ts: 1_700_000_000_000,
      type: 'TpFilled',
      data: { level: 1 },
    });
    expect(Object.keys(event)).toEqual([
      'position',
      'stream',
      'orderId',
      'version',
      'ts',
      'type',
      'data',
    ]);
    expect(
      storedEventOf('account-default', recorded({ streamId: 'account-default' })).orderId,
    ).toBeNull();
  });

  it('refuses an event this store did not write, naming it', () => {
    expect(() => storedEventOf('smart-order-o-1', recorded({ metadata: undefined }))).toThrow(
      expect.objectContaining({
        code: 'EVENT_UNREADABLE',
        message: expect.stringContaining('run-1-smart-order-o-1 revision 2'),
      }),
    );
    expect(() => storedEventOf('smart-order-o-1', recorded({ position: undefined }))).toThrow(
      expect.objectContaining({
        code: 'EVENT_UNREADABLE',
        message: expect.stringContaining('22.6'),
      }),
    );
  });
});
