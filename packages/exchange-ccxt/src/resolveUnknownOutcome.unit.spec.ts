import fc from 'fast-check';
import { connectionReset, timeout } from './testing/fakeHttp';
import {
  LOST_CREATE_WIRES,
  lostCreateClientOrderId as cid,
  type LostCreateVenue,
} from './testing/lostCreates';
import { testVenue } from './testing/testVenue';
import { VENUE_PROFILES } from './venueProfile';

const request = {
  clientOrderId: cid,
  orderId: 'o-1',
  symbol: 'BTC/USDT',
  side: 'BUY' as const,
  type: 'LIMIT' as const,
  quantity: 0.01,
  price: 50000,
  reduceOnly: false,
  ts: 1_700_000_000_000,
};
const T0 = 1_000_000;
const MARGIN = 2_000;

interface Scenario {
  /** From the lost create's signing, when the venue first shows the order (never: absent). */
  readonly visibleAfterMs?: number;
  readonly backoffMs?: readonly number[];
  /** How long each lookup takes, in turn (the last repeats); whether it fails (network). */
  readonly lookupTakesMs?: readonly number[];
  readonly lookupFails?: readonly boolean[];
}

/**
 * The adapter on the venue's real ccxt class: the first create's answer is lost, the next is
 * accepted; the clock moves only by the adapter's sleeps and the lookups' durations. The
 * proof window is the venue's own (`VENUE_PROFILES`), not a test's.
 */
const loseCreate = async (venue: LostCreateVenue, scenario: Scenario = {}) => {
  let clock = T0;
  let looks = 0;
  const createsAt: number[] = [];
  const lookupsAt: number[] = [];
  const wire = LOST_CREATE_WIRES[venue];
  const takes = scenario.lookupTakesMs ?? [0];
  const fails = scenario.lookupFails ?? [false];
  const { exchange } = testVenue(
    venue,
    [
      {
        method: 'POST',
        path: wire.createPath,
        answers: [
          () => (createsAt.push(clock), timeout()),
          () => (createsAt.push(clock), { body: wire.createdBody }),
        ],
      },
      ...wire.lookups(
        () => {
          lookupsAt.push(clock);
          clock += takes[Math.min(looks, takes.length - 1)] ?? 0;
          const failed = fails[Math.min(looks, fails.length - 1)] ?? false;
          looks += 1;
          return failed ? connectionReset() : undefined;
        },
        () =>
          scenario.visibleAfterMs !== undefined &&
          clock >= (createsAt[0] ?? T0) + scenario.visibleAfterMs,
      ),
    ],
    {
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
      timing: {
        settleMarginMs: MARGIN,
        backoffMs: scenario.backoffMs ?? [500, 1_000, 2_000],
        giveUpAfterMs: 30_000,
      },
    },
  );
  const placed = await exchange.place(request);
  await exchange.close();
  return { placed, createsAt, lookupsAt };
};

const provenAfter = (venue: LostCreateVenue) => VENUE_PROFILES[venue].createDeadlineMs + MARGIN;

describe('a lost create on a venue with an execution deadline (binance recvWindow, kraken deadline)', () => {
  it.each(['binance', 'kraken'] as const)(
    '%s: sends again with the same id only after a lookup started past the deadline found nothing',
    async (venue) => {
      const { placed, createsAt, lookupsAt } = await loseCreate(venue);
      expect(placed).toEqual({
        _tag: 'Right',
        right: expect.objectContaining({ clientOrderId: cid }),
      });
      expect(createsAt).toHaveLength(2);
      const [signed, resent] = createsAt as [number, number];
      expect(lookupsAt.filter((t) => t < signed + provenAfter(venue)).length).toBeGreaterThan(0);
      expect(resent).toBeGreaterThanOrEqual(signed + provenAfter(venue));
    },
  );

  it.each(['binance', 'kraken'] as const)(
    '%s: adopts an order that shows up before the deadline, and sends nothing again',
    async (venue) => {
      const { placed, createsAt } = await loseCreate(venue, { visibleAfterMs: 1_500 });
      expect(placed).toEqual({
        _tag: 'Right',
        right: expect.objectContaining({ clientOrderId: cid }),
      });
      expect(createsAt).toHaveLength(1);
    },
  );
});

describe('a lost create on a venue without a proof of absence (bybit, bitget, kucoin)', () => {
  it.each(['bybit', 'bitget', 'kucoin'] as const)(
    '%s: never sends it again: the lookups go on until they give up, and the order stays unknown',
    async (venue) => {
      const { placed, createsAt, lookupsAt } = await loseCreate(venue);
      expect(placed).toEqual({
        _tag: 'Left',
        left: {
          code: 'NETWORK',
          message: expect.stringContaining(
            `${venue} offers no proof that a lost create can no longer execute`,
          ),
        },
      });
      expect(createsAt).toHaveLength(1);
      // Lookups past the window that once counted as proof found nothing, and sent nothing.
      expect(lookupsAt.at(-1)).toBeGreaterThanOrEqual(T0 + provenAfter(venue) + 30_000);
    },
  );

  it.each(['bybit', 'bitget', 'kucoin'] as const)(
    '%s: adopts an order its history shows only after the window (the false "absent" once resent it)',
    async (venue) => {
      const { placed, createsAt } = await loseCreate(venue, {
        visibleAfterMs: provenAfter(venue) + 10_000,
      });
      expect(placed).toEqual({
        _tag: 'Right',
        right: expect.objectContaining({ clientOrderId: cid }),
      });
      expect(createsAt).toHaveLength(1);
    },
  );
});

describe('property: whatever the lookups timings, no resend before the venue proof', () => {
  const venues = Object.keys(LOST_CREATE_WIRES) as LostCreateVenue[];
  it('sends a lost create again only on a venue with a proof, and only after its deadline', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...venues),
        fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: 8_000 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }),
        async (venue, backoffMs, lookupTakesMs, lookupFails, visibleAfterMs) => {
          const { createsAt } = await loseCreate(venue, {
            backoffMs,
            lookupTakesMs,
            lookupFails,
            visibleAfterMs,
          });
          const [signed, resent] = createsAt as [number, number | undefined];
          if (resent === undefined) return;
          expect(VENUE_PROFILES[venue].absence).toBe('executionDeadline');
          expect(resent).toBeGreaterThanOrEqual(signed + provenAfter(venue));
        },
      ),
      { numRuns: 40 },
    );
    // Each run builds the venue's ccxt class and its markets: some 100 ms on a loaded machine.
  }, 120_000);
});
