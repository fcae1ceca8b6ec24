import fc from 'fast-check';
import type { AccountCommand } from './accountCommand';
import type { AccountEvent } from './accountEvent';
import {
  ACCOUNT,
  accountSpec,
  accountState,
  BTC,
  done,
  fill,
  manualTrip,
  progress,
  rejected,
  T,
  tick,
} from './accountFixtures.spec.helper';
import type { AccountState } from './accountState';
import { decideAccount } from './decideAccount';
import { foldAccount } from './evolveAccount';
import { flattenClientOrderId } from './flattenClientOrderId';
import { owedExitCancels } from './owedExitCancels';

const RISK = { limitPriceBandBps: 50 };
const cid = (attempt: number): string => flattenClientOrderId(ACCOUNT, BTC, 1, attempt);
const spec = accountSpec(RISK);
const stateOf = (...commands: AccountCommand[]): AccountState =>
  foldAccount(accountState(RISK), spec.history(...commands));

// A long of 2 tripped, its market exit refused: a limit exit at 99.86 works.
const limitWorking: AccountCommand[] = [
  fill(T, 'BUY', 100, 2),
  manualTrip(T + 1),
  progress(T + 2, [{ symbol: BTC, quantity: 2 }]),
  rejected(T + 3, cid(1), 100.37),
];

describe('the cancels a flatten owes the exchange', () => {
  it('none while its exits work uncancelled, nor with no flatten', () => {
    expect(owedExitCancels(accountState(RISK))).toEqual([]);
    expect(owedExitCancels(stateOf(...limitWorking))).toEqual([]);
  });

  it('the left-behind limit, from its cancel request until the exchange confirms it gone, through its fills', () => {
    const asked = [...limitWorking, tick(T + 5, 99.5)];
    expect(owedExitCancels(stateOf(...asked)).map((x) => x.clientOrderId)).toEqual([cid(2)]);
    const partFilled = [
      ...asked,
      fill(T + 6, 'SELL', 99.86, 0.5, { orderId: ACCOUNT, clientOrderId: cid(2) }),
    ];
    expect(owedExitCancels(stateOf(...partFilled)).map((x) => x.clientOrderId)).toEqual([cid(2)]);
    expect(owedExitCancels(stateOf(...partFilled, done(T + 7, cid(2))))).toEqual([]);
  });

  it('none once the exit filled in full while its cancel was in flight', () => {
    const filled = stateOf(
      ...limitWorking,
      tick(T + 5, 99.5),
      fill(T + 6, 'SELL', 99.86, 2, { orderId: ACCOUNT, clientOrderId: cid(2) }),
    );
    expect(owedExitCancels(filled)).toEqual([]);
  });
});

type Step =
  | { readonly kind: 'tick'; readonly price: number }
  | { readonly kind: 'fill'; readonly share: number }
  | { readonly kind: 'done' }
  | { readonly kind: 'read'; readonly fresh: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.integer({ min: 9_500, max: 10_100 }).map((c) => ({ kind: 'tick' as const, price: c / 100 })),
  fc.integer({ min: 1, max: 4 }).map((q) => ({ kind: 'fill' as const, share: q / 4 })),
  fc.constant({ kind: 'done' as const }),
  fc.boolean().map((fresh) => ({ kind: 'read' as const, fresh })),
);

describe('property: a cancel is owed exactly while it was asked and its exit is not known gone', () => {
  it('holds after every step of a limit flatten driven by ticks, fills, confirmations and readings', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let state = stateOf(...limitWorking);
        let held = 2;
        const log: AccountEvent[] = [];
        steps.forEach((s, i) => {
          const ts = T + 10 + i;
          const exit = state.flatten === null ? undefined : state.flatten.exits[BTC];
          const current = exit?.clientOrderId ?? cid(2);
          const remaining = exit === undefined ? 0 : exit.quantity - exit.filledQuantity;
          const command: AccountCommand | null =
            s.kind === 'tick'
              ? tick(ts, s.price)
              : s.kind === 'fill'
                ? exit === undefined || !exit.working || remaining <= 0
                  ? null
                  : fill(ts, 'SELL', exit.limitPrice ?? 99, remaining * s.share, {
                      orderId: ACCOUNT,
                      clientOrderId: current,
                    })
                : s.kind === 'done'
                  ? done(ts, current)
                  : {
                      ...progress(ts, held > 0 ? [{ symbol: BTC, quantity: held }] : []),
                      readFrom: s.fresh ? state.version : 0,
                      lastPrices: { [BTC]: 99 },
                    };
          if (command === null) return;
          const owedBefore = owedExitCancels(state);
          const decided = decideAccount(command, state);
          if (decided._tag === 'Left') return;
          if (command.type === 'FillObserved') held -= command.quantity;
          log.push(...decided.right);
          state = foldAccount(state, decided.right);
          const asked = new Set(
            log
              .filter((e) => e.type === 'FlattenExitCancelRequested')
              .map((e) => e.data.clientOrderId),
          );
          const owed = owedExitCancels(state).map((x) => x.clientOrderId);
          const expected = Object.values(state.flatten?.exits ?? {})
            .filter((x) => x.working && asked.has(x.clientOrderId))
            .map((x) => x.clientOrderId);
          expect(owed).toEqual(expected);
          // While a cancel is owed, nothing is sent beside the exit it cancels.
          if (owedBefore.length > 0)
            expect(
              decided.right.filter(
                (e) => e.type === 'FlattenRetriedAsLimit' || e.type === 'FlattenExitRequested',
              ),
            ).toEqual([]);
        });
      }),
      { numRuns: 300 },
    );
  });
});
