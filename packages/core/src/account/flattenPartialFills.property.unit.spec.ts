import fc from 'fast-check';
import type { AccountCommand } from './accountCommand';
import { accountEvent, type AccountEvent } from './accountEvent';
import { ACCOUNT, accountState, BTC, T } from './accountFixtures.spec.helper';
import type { AccountState } from './accountState';
import { decideAccountInSteps } from './decideAccount';
import { exitFillQuantity } from './exitFillQuantity';
import { foldAccount } from './evolveAccount';

/**
 * A flatten against a model of an exchange (spot, or a derivatives venue) that fills its exits in parts, answers late,
 * delivers a fill twice, refuses market orders, and is read while exits are filling (readings
 * decided late, out of order). Quantities are whole steps (0.01) so that the model's
 * arithmetic is exact. Invariants, at every order the flatten sends: no exit of the symbol is
 * still open at the exchange (no second exit beside one that works), and what it asks for is
 * free (the sum of the flatten's exits never exceeds the position); when it is confirmed, every
 * fill has been reported and booked at its price (nothing closed at the mark). At the end, once
 * the exchange has answered everything: the flatten is confirmed and the account holds nothing.
 */
const STEP = 0.01;
const units = (q: number): number => Math.round(q / STEP);
// Whole steps as the exchange writes them (113 × 0.01 is 1.1300000000000001 in binary).
const ofUnits = (n: number): number => Number((n * STEP).toFixed(2));

interface ExchangeOrder {
  readonly cid: string;
  readonly quantity: number;
  filled: number;
  open: boolean;
}
type Report =
  | { readonly kind: 'TRADE'; readonly cid: string; readonly cumulative: number }
  | { readonly kind: 'CANCELED'; readonly cid: string }
  | { readonly kind: 'REJECTED'; readonly cid: string; readonly balance: boolean };
interface Reading {
  readonly readFrom: number;
  readonly balance: number;
  readonly free: number;
  readonly working: readonly string[];
}

type Action =
  | { readonly kind: 'read' }
  | { readonly kind: 'decideReading'; readonly pick: number }
  | { readonly kind: 'fill'; readonly units: number; readonly twice: boolean }
  | { readonly kind: 'deliver' }
  | { readonly kind: 'tick'; readonly price: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'read' as const }) },
  {
    weight: 3,
    arbitrary: fc.nat(5).map((pick) => ({ kind: 'decideReading' as const, pick })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ units: fc.integer({ min: 1, max: 120 }), twice: fc.boolean() })
      .map((f) => ({ kind: 'fill' as const, ...f })),
  },
  { weight: 4, arbitrary: fc.constant({ kind: 'deliver' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 180, max: 220 })
      .map((n) => ({ kind: 'tick' as const, price: n / 2 })),
  },
);

const simulate = (
  held: number,
  spot: boolean,
  refuseMarket: boolean,
  actions: readonly Action[],
): void => {
  let state: AccountState = foldAccount(accountState({ limitPriceBandBps: 50 }), [
    accountEvent('BalanceBaselineRecorded', T, { asset: 'BTC', quantity: 0, previous: null }),
  ]);
  let ts = T;
  let balance = held;
  const orders = new Map<string, ExchangeOrder>();
  const reports: Report[] = [];
  const readings: Reading[] = [];
  const locked = () =>
    [...orders.values()].filter((o) => o.open).reduce((n, o) => n + o.quantity - o.filled, 0);

  const place = (cid: string, quantity: number, market: boolean): void => {
    const open = [...orders.values()].filter((o) => o.open);
    expect(open.map((o) => o.cid)).toEqual([]);
    expect(quantity).toBeLessThanOrEqual(balance - locked());
    if (market && refuseMarket) {
      reports.push({ kind: 'REJECTED', cid, balance: false });
      orders.set(cid, { cid, quantity, filled: 0, open: false });
      return;
    }
    orders.set(cid, { cid, quantity, filled: 0, open: true });
  };

  const decide = (command: AccountCommand): void => {
    const decided = decideAccountInSteps(command, state);
    if (decided._tag === 'Left') throw new Error(decided.left.message);
    state = decided.right.state;
    for (const e of decided.right.events) effectsOf(e);
  };
  const effectsOf = (e: AccountEvent): void => {
    // Confirmed only once every exit has reported its end: the log is flat with the exchange,
    // each fill booked at its own price and none closed at the mark (the model stays well
    // inside flattenTimeoutMs).
    if (e.type === 'FlattenConfirmed') expect(e.data.closedAtMark).toEqual([]);
    if (e.type === 'FlattenExitRequested' || e.type === 'FlattenRetriedAsLimit') {
      decide({
        type: 'OrderSent',
        ts,
        symbol: BTC,
        clientOrderId: e.data.clientOrderId,
        reduceOnly: true,
      });
      place(e.data.clientOrderId, units(e.data.quantity), e.type === 'FlattenExitRequested');
    }
    if (e.type === 'FlattenExitCancelRequested') {
      const order = orders.get(e.data.clientOrderId);
      if (order?.open === true) {
        order.open = false;
        reports.push({ kind: 'CANCELED', cid: order.cid });
      }
    }
  };

  // What the engine does with a report of an exit (accountWork's exitReport).
  const deliver = (r: Report): void => {
    const exit = Object.values(state.flatten?.exits ?? {}).find((x) => x.clientOrderId === r.cid);
    if (r.kind === 'TRADE') {
      const quantity = exitFillQuantity(state.flatten, r.cid, {
        cumulativeQuantity: ofUnits(r.cumulative),
      });
      if (quantity > 0)
        decide({
          type: 'FillObserved',
          ts,
          orderId: ACCOUNT,
          clientOrderId: r.cid,
          symbol: BTC,
          side: 'SELL',
          price: 100,
          quantity,
          reduceOnly: true,
        });
      if (exit !== undefined && r.cumulative >= units(exit.quantity))
        decide({ type: 'OrderDone', ts, clientOrderId: r.cid });
      return;
    }
    if (r.kind === 'REJECTED' && exit !== undefined)
      decide({
        type: 'ExitRejected',
        ts,
        symbol: BTC,
        clientOrderId: r.cid,
        reason: r.balance ? 'insufficient balance' : 'market closed',
        lastPrice: 100,
        tickSize: 0.01,
        ...(r.balance ? { refusal: 'INSUFFICIENT_BALANCE' as const } : {}),
      });
    decide({ type: 'OrderDone', ts, clientOrderId: r.cid });
  };

  const read = (): Reading => ({
    readFrom: state.version,
    balance,
    free: balance - locked(),
    working: [...orders.values()].filter((o) => o.open).map((o) => o.cid),
  });
  const decideOn = (r: Reading): void =>
    decide({
      type: 'FlattenProgress',
      ts,
      // A derivatives venue reports the position, with nothing like a free balance.
      positions: spot || r.balance === 0 ? [] : [{ symbol: BTC, quantity: ofUnits(r.balance) }],
      workingOrders: r.working.map((clientOrderId) => ({ clientOrderId, symbol: BTC })),
      ...(spot
        ? { spotBalances: [{ symbol: BTC, balance: ofUnits(r.balance), free: ofUnits(r.free) }] }
        : {}),
      stepSizes: { [BTC]: STEP },
      lastPrices: { [BTC]: 100 },
      readFrom: r.readFrom,
    });
  const fillOpen = (n: number, twice: boolean): void => {
    const order = [...orders.values()].find((o) => o.open);
    if (order === undefined) return;
    const part = Math.min(n, order.quantity - order.filled);
    order.filled += part;
    balance -= part;
    if (order.filled === order.quantity) order.open = false;
    reports.push({ kind: 'TRADE', cid: order.cid, cumulative: order.filled });
    if (twice) reports.push({ kind: 'TRADE', cid: order.cid, cumulative: order.filled });
  };

  decide({
    type: 'FillObserved',
    ts,
    orderId: 'o-1',
    symbol: BTC,
    side: 'BUY',
    price: 100,
    quantity: ofUnits(held),
    reduceOnly: false,
  });
  decide({ type: 'TripKillSwitch', ts, reason: 'MANUAL', detail: 'drill' });
  for (const a of actions) {
    ts += 100;
    if (a.kind === 'read') readings.push(read());
    if (a.kind === 'decideReading' && readings.length > 0)
      decideOn(readings.splice(a.pick % readings.length, 1)[0] as Reading);
    if (a.kind === 'fill') fillOpen(a.units, a.twice);
    if (a.kind === 'deliver' && reports.length > 0) deliver(reports.shift() as Report);
    if (a.kind === 'tick') decide({ type: 'AccountTick', ts, symbol: BTC, price: a.price });
  }
  // The exchange answers everything, and the engine keeps polling: it ends flat and confirmed.
  for (let round = 0; round < 20 && state.flatten !== null; round++) {
    ts += 1_000;
    for (const stale of readings.splice(0)) decideOn(stale);
    while (reports.length > 0) deliver(reports.shift() as Report);
    decideOn(read());
    fillOpen(Number.MAX_SAFE_INTEGER, false);
    while (reports.length > 0) deliver(reports.shift() as Report);
  }
  expect(state.flatten).toBeNull();
  expect(balance).toBe(0);
};

describe('a flatten whose exits fill in parts (property)', () => {
  it('never sends an exit while another works, never asks for more than is free, and ends confirmed flat', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(action, { maxLength: 60 }),
        simulate,
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('a flatten whose exits fill in parts (examples)', () => {
  it('a reading taken while the exit was filling and decided once it had filled sends nothing', () => {
    simulate(100, false, false, [
      { kind: 'read' },
      { kind: 'decideReading', pick: 0 },
      { kind: 'read' },
      { kind: 'fill', units: 100, twice: false },
      { kind: 'deliver' },
      { kind: 'decideReading', pick: 0 },
    ]);
  });
});
