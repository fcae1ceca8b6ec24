import { accountEvent as ev } from './accountEvent';
import {
  ACCOUNT,
  accountSpec,
  BTC,
  done,
  fill,
  manualTrip,
  progress,
  rejected,
  T,
  tick,
} from './accountFixtures.spec.helper';
import { flattenClientOrderId, isFlattenClientOrderId } from './flattenClientOrderId';
import { marketableLimit } from './marketableLimit';

const cid = (attempt: number): string => flattenClientOrderId(ACCOUNT, BTC, 1, attempt);

describe('a rejected market exit becomes a marketable limit, re-priced until filled', () => {
  const spec = accountSpec({ limitPriceBandBps: 50 });
  const longExit = spec.history(
    fill(T, 'BUY', 100, 2),
    manualTrip(T + 1),
    progress(T + 2, [{ symbol: BTC, quantity: 2 }]),
  );
  const shortExit = spec.history(
    fill(T, 'SELL', 100, 2),
    manualTrip(T + 1),
    progress(T + 2, [{ symbol: BTC, quantity: -2 }]),
  );

  it('sells at the last price less the band, rounded down to the tick', () => {
    // 100.37 × (1 − 0.005) = 99.86815 → 99.86
    spec
      .given(longExit)
      .when(rejected(T + 3, cid(1), 100.37))
      .then([
        ev('FlattenRetriedAsLimit', T + 3, {
          reason: 'REJECTED',
          symbol: BTC,
          side: 'SELL',
          quantity: 2,
          limitPrice: 99.86,
          lastPrice: 100.37,
          band: 50,
          tickSize: 0.01,
          attempt: 2,
          clientOrderId: cid(2),
          replaces: cid(1),
          rejection: 'market orders are not accepted in this state',
        }),
      ]);
  });

  it('buys back a short at the last price plus the band, rounded up to the tick', () => {
    // 100.37 × 1.005 = 100.87185 → 100.88
    const result = spec.given(shortExit).when(rejected(T + 3, cid(1), 100.37)).result;
    expect(result._tag === 'Right' && result.right.events[0]?.data).toMatchObject({
      side: 'BUY',
      limitPrice: 100.88,
      quantity: 2,
    });
  });

  it('retries only what the rejected exit left unfilled', () => {
    const result = spec
      .given(longExit)
      .when(
        fill(T + 3, 'SELL', 100, 0.5, { orderId: ACCOUNT, clientOrderId: cid(1) }),
        rejected(T + 4, cid(1), 100),
      ).result;
    expect(result._tag === 'Right' && result.right.events[1]?.data).toMatchObject({
      quantity: 1.5,
      limitPrice: 99.5,
    });
  });

  const toLimit = [
    fill(T, 'BUY', 100, 2),
    manualTrip(T + 1),
    progress(T + 2, [{ symbol: BTC, quantity: 2 }]),
    rejected(T + 3, cid(1), 100.37),
  ];
  const limitWorking = spec.history(...toLimit);

  it('cancels a limit the market has left behind, once, and sends no successor while it may still fill', () => {
    spec
      .given(limitWorking)
      .when(
        tick(T + 4, 99.86),
        tick(T + 5, 99.5),
        tick(T + 6, 99.4),
        // A reading while the cancel is in flight: the exit still works, so nothing is sent.
        progress(T + 7, [{ symbol: BTC, quantity: 2 }]),
      )
      .then([
        ev('FlattenExitCancelRequested', T + 5, {
          symbol: BTC,
          clientOrderId: cid(2),
          limitPrice: 99.86,
          lastPrice: 99.5,
        }),
      ]);
  });

  it('once the left-behind limit is confirmed gone, a reading begun after that sends what the exchange still holds, priced at that moment', () => {
    const result = spec
      .given(
        spec.history(
          ...toLimit,
          tick(T + 5, 99.5),
          // It filled in part while its cancel was in flight.
          fill(T + 6, 'SELL', 99.86, 0.5, { orderId: ACCOUNT, clientOrderId: cid(2) }),
          done(T + 7, cid(2)),
        ),
      )
      .when({
        ...progress(T + 8, [{ symbol: BTC, quantity: 1.5 }]),
        readFrom: 100,
        lastPrices: { [BTC]: 99.2 },
      }).result;
    expect(result._tag === 'Right' && result.right.events.map((e) => e.data)).toEqual([
      {
        reason: 'REMAINDER',
        symbol: BTC,
        side: 'SELL',
        quantity: 1.5,
        // 99.2 × (1 − 0.005) = 98.704 → 98.7
        limitPrice: 98.7,
        lastPrice: 99.2,
        band: 50,
        tickSize: 0.01,
        attempt: 3,
        clientOrderId: cid(3),
        replaces: cid(2),
        rejection: null,
      },
    ]);
  });

  it('sizes no exit on a reading begun before the last exit stopped working: it may predate its last fills', () => {
    const settledHistory = spec.history(
      ...toLimit,
      fill(T + 4, 'SELL', 99.86, 0.5, { orderId: ACCOUNT, clientOrderId: cid(2) }),
      done(T + 5, cid(2)),
    );
    // The account's version once the exit's cancel was confirmed: one per event folded.
    const settledAt = settledHistory.length;
    spec
      .given(settledHistory)
      .when({ ...progress(T + 6, [{ symbol: BTC, quantity: 2 }]), readFrom: settledAt - 1 })
      .then([]);
    const fresh = spec
      .given(settledHistory)
      .when({ ...progress(T + 6, [{ symbol: BTC, quantity: 1.5 }]), readFrom: settledAt }).result;
    expect(fresh._tag === 'Right' && fresh.right.events.map((e) => e.type)).toEqual([
      'FlattenRetriedAsLimit',
    ]);
  });

  it('does not retry an exit refused for insufficient balance: the next reading says what is left', () => {
    spec
      .given(limitWorking)
      .when(rejected(T + 4, cid(2), 100, { refusal: 'INSUFFICIENT_BALANCE', reason: '-2010' }))
      .then([]);
  });

  it('never asks for more than is free of the base asset on spot', () => {
    const plain = accountSpec();
    const result = plain.given(plain.history(fill(T, 'BUY', 100, 2), manualTrip(T + 1))).when({
      ...progress(T + 2, []),
      spotBalances: [{ symbol: BTC, balance: 2, free: 1.25 }],
      stepSizes: { [BTC]: 0.1 },
    }).result;
    expect(result._tag === 'Right' && result.right.events.map((e) => e.data)).toEqual([
      expect.objectContaining({ side: 'SELL', quantity: 1.2, attempt: 1 }),
    ]);
  });

  it('stops re-pricing once the limit is filled', () => {
    spec
      .given(limitWorking)
      .when(
        fill(T + 4, 'SELL', 99.86, 2, {
          orderId: ACCOUNT,
          clientOrderId: cid(2),
          reduceOnly: true,
        }),
        tick(T + 5, 90),
      )
      .then([
        ev('FillRecorded', T + 4, {
          orderId: ACCOUNT,
          clientOrderId: cid(2),
          symbol: BTC,
          side: 'SELL',
          price: 99.86,
          quantity: 2,
          reduceOnly: true,
          position: 0,
          averagePrice: null,
          realisedPnl: -0.28,
          sessionPnl: null,
        }),
      ]);
  });

  it('exits with a limit again, not a market order, once the venue refused a market order', () => {
    const result = spec
      .given(limitWorking)
      .when(done(T + 4, cid(2)), progress(T + 5, [{ symbol: BTC, quantity: 2 }])).result;
    expect(
      result._tag === 'Right' &&
        result.right.events.map((e) => [e.type, (e.data as { reason?: string }).reason]),
    ).toEqual([
      ['FlattenExitDone', undefined],
      ['FlattenRetriedAsLimit', 'REMAINDER'],
    ]);
  });

  it('ignores a late rejection of an exit already replaced', () => {
    spec
      .given(limitWorking)
      .when(rejected(T + 4, cid(1), 100))
      .then([]);
  });

  it('refuses a rejection of an order that is no exit of this flatten', () => {
    spec
      .given(limitWorking)
      .when(rejected(T + 4, 'somebody-else', 100))
      .thenRejects('UNKNOWN_FLATTEN_EXIT', 'is not an exit of flatten 1');
    spec
      .given()
      .when(rejected(T, cid(1), 100))
      .thenRejects('UNKNOWN_FLATTEN_EXIT', 'is not flattening');
  });
});

describe('marketableLimit', () => {
  it.each([
    ['SELL', 100, 50, 0.01, 99.5],
    ['BUY', 100, 50, 0.01, 100.5],
    ['SELL', 0.123456, 100, 0.0001, 0.1222],
    ['BUY', 0.123456, 100, 0.0001, 0.1247],
    ['SELL', 0.01, 9_999, 0.01, 0.01],
  ] as const)('%s from %d with %d bps on tick %d is %d', (side, last, bps, tick, expected) => {
    expect(marketableLimit(side, last, bps, tick)).toBe(expected);
  });
});

describe('flatten client order ids', () => {
  it('are short, lowercase, deterministic, distinct per attempt, symbol and flatten', () => {
    const id = flattenClientOrderId(ACCOUNT, BTC, 1, 1);
    expect(id).toMatch(/^sok0r1[0-9a-z]{16}$/);
    expect(id.length).toBeLessThanOrEqual(28);
    expect(flattenClientOrderId(ACCOUNT, BTC, 1, 99_999).length).toBeLessThanOrEqual(28);
    expect(flattenClientOrderId(ACCOUNT, BTC, 1, 1)).toBe(id);
    expect(
      new Set([
        id,
        cid(2),
        flattenClientOrderId(ACCOUNT, 'ETH/USDT', 1, 1),
        flattenClientOrderId(ACCOUNT, BTC, 2, 1),
      ]).size,
    ).toBe(4);
    expect(isFlattenClientOrderId(id)).toBe(true);
    expect(isFlattenClientOrderId('soe0r1abcdefghijklmnop')).toBe(false);
  });
});
