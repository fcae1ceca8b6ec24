import fc from 'fast-check';
import {
  checkReceiveWindow,
  RECV_WINDOW_TOO_LARGE,
  TIMESTAMP_AHEAD,
  TIMESTAMP_OUTSIDE_WINDOW,
} from './receiveWindow';

const NOW = 1_765_000_000_000;

describe('the receive window of a signed request', () => {
  it('takes a request stamped up to recvWindow before the server time and under a second after it', () => {
    expect(checkReceiveWindow(String(NOW - 5000), undefined, NOW)).toBeNull();
    expect(checkReceiveWindow(String(NOW + 999), undefined, NOW)).toBeNull();
    expect(checkReceiveWindow(String(NOW - 10_000), '10000', NOW)).toBeNull();
  });

  it('refuses a stale request, one from the future, and a window over a minute', () => {
    expect(checkReceiveWindow(String(NOW - 5001), undefined, NOW)).toBe(TIMESTAMP_OUTSIDE_WINDOW);
    expect(checkReceiveWindow(String(NOW + 1000), '60000', NOW)).toBe(TIMESTAMP_AHEAD);
    expect(checkReceiveWindow(String(NOW), '60001', NOW)).toBe(RECV_WINDOW_TOO_LARGE);
    expect(checkReceiveWindow('soon', undefined, NOW)).toEqual(
      expect.objectContaining({ code: -1100 }),
    );
  });

  it('takes exactly the timestamps in [server time − window, server time + 1000)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -70_000, max: 5_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        (offset, window) => {
          const taken = checkReceiveWindow(String(NOW + offset), String(window), NOW) === null;
          expect(taken).toBe(offset >= -window && offset < 1000);
        },
      ),
    );
  });
});
