import type { AccountRuntime } from './account/accountRuntime';
import type { Effect, PlaceEffect } from './effects';
import { createFollowUp, type FollowUpContext } from './followUp';
import type { ExchangeReport } from './ports/exchange';
import type { UnitOutcome } from './runUnit';
import { NOTHING, type Work, type WorkResult } from './work';

const ignore = (): void => undefined;

const resting = (clientOrderId: string, orderId: string): PlaceEffect => ({
  kind: 'place',
  request: {
    clientOrderId,
    orderId,
    symbol: 'BTC/USDT',
    side: 'BUY',
    type: 'LIMIT',
    price: 90,
    quantity: 1,
    reduceOnly: false,
    ts: 1,
  },
});

/** The venue's answer to a request it rested: NEW, under the request's client order id. */
const accepted = (effects: readonly Effect[], sent: string[]): ExchangeReport[] =>
  effects.map((e) => {
    const clientOrderId = e.kind === 'place' ? e.request.clientOrderId : e.clientOrderId;
    sent.push(clientOrderId);
    return { clientOrderId, symbol: 'BTC/USDT', ts: 1, execType: 'NEW' };
  });

const quiet: UnitOutcome = {
  result: NOTHING,
  effects: [],
  accountEffects: [],
  pollHoldings: false,
  unexpectedFills: 0,
  heldExits: 0,
};

/** The account runtime's calls as the follow-up makes them (its own behaviour is tested with the engine). */
const recordingRuntime = (polled: WorkResult | null = null) => {
  const reconciled: string[] = [];
  let polls = 0;
  const runtime: AccountRuntime = {
    startLive: () => Promise.resolve(),
    reconcile: async (reason) => {
      reconciled.push(reason);
    },
    pollFlatten: async () => {
      polls += 1;
      return polled;
    },
    follow: ignore,
    stop: ignore,
  };
  return { runtime, reconciled, polls: () => polls };
};

/**
 * A follow-up whose sends (the outbox's and the gate's, tested on their own) answer NEW at once,
 * recording what went out and in which order, and whose units are recorded, not decided.
 */
const followUpWith = (overrides: Partial<FollowUpContext> = {}) => {
  const sent: string[] = [];
  const units: Work[] = [];
  // What the answers' unit committed: the entry acknowledged.
  const answered: WorkResult = {
    events: [
      {
        position: 2,
        stream: 'smart-order-o-1',
        orderId: 'o-1',
        version: 2,
        ts: 1,
        type: 'EntryPlaced',
        data: {},
      },
    ],
    rejections: [],
  };
  const followUp = createFollowUp({
    outbox: { send: async (effects) => accepted(effects, sent) },
    gate: async (effects) => accepted(effects, sent),
    run: async (work) => {
      units.push(work);
      return answered;
    },
    runtime: undefined,
    liveProtocols: false,
    fail: ignore,
    ...overrides,
  });
  return { followUp, units, sent, answered };
};

describe('what a committed unit causes (the follow-up)', () => {
  it('a unit with nothing to send is answered at once, not as a promise', () => {
    const { followUp, units } = followUpWith();
    expect(followUp(quiet)).toBe(NOTHING);
    expect(units).toEqual([]);
  });

  it('sends the account’s own requests, then the smart orders’, and runs the answers as one unit', async () => {
    const { followUp, units, sent, answered } = followUpWith();
    const result = await followUp({
      ...quiet,
      effects: [resting('so-1', 'o-1')],
      accountEffects: [resting('sok-1', 'acct')],
    });
    expect(result).toEqual(answered);
    expect(sent).toEqual(['sok-1', 'so-1']);
    expect(units).toHaveLength(1);
    expect(units[0]?.reports?.map((r) => [r.clientOrderId, r.execType])).toEqual([
      ['sok-1', 'NEW'],
      ['so-1', 'NEW'],
    ]);
  });

  it('with an account, every unit goes through (its gate may let out what it held)', async () => {
    const { runtime } = recordingRuntime();
    const { followUp } = followUpWith({ runtime });
    const settled = followUp(quiet);
    expect(settled).toBeInstanceOf(Promise);
    expect(await settled).toBe(NOTHING);
  });

  it('a unit that moved a flatten on reads the holdings again, and its result is kept', async () => {
    const event = { position: 9, stream: 'account-a', orderId: null, version: 1, ts: 1 };
    const polled: WorkResult = {
      events: [{ ...event, type: 'FlattenConfirmed', data: {} }],
      rejections: [],
    };
    const account = recordingRuntime(polled);
    const { followUp } = followUpWith({ runtime: account.runtime });
    expect(await followUp({ ...quiet, pollHoldings: true })).toEqual(polled);
    expect(account.polls()).toBe(1);
  });

  it('live, a fill the log cannot place and an exit refused for insufficient balance make the account reconcile', async () => {
    const account = recordingRuntime();
    const { followUp } = followUpWith({ runtime: account.runtime, liveProtocols: true });
    await followUp({ ...quiet, unexpectedFills: 1 });
    await followUp({ ...quiet, heldExits: 2 });
    expect(account.reconciled).toEqual(['UNEXPECTED_FILL', 'INSUFFICIENT_BALANCE']);
  });

  it('without live protocols (a replay), nothing is reconciled', async () => {
    const account = recordingRuntime();
    const { followUp } = followUpWith({ runtime: account.runtime, liveProtocols: false });
    await followUp({ ...quiet, unexpectedFills: 1, heldExits: 1 });
    expect(account.reconciled).toEqual([]);
  });

  it('a reconciliation that fails goes to fail, not to the unit', async () => {
    const failures: unknown[] = [];
    const account = recordingRuntime();
    const runtime: AccountRuntime = {
      ...account.runtime,
      reconcile: () => Promise.reject(new Error('exchange unreadable')),
    };
    const { followUp } = followUpWith({
      runtime,
      liveProtocols: true,
      fail: (e) => failures.push(e),
    });
    await followUp({ ...quiet, unexpectedFills: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures.map((e) => (e as Error).message)).toEqual(['exchange unreadable']);
  });
});
