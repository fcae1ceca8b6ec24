import fc from 'fast-check';
import { isRight } from 'fp-ts/Either';
import { decideLease, type LeaseCommand } from './decideLease';
import { evolveLease, initialLeaseState, type LeaseState } from './leaseState';

const ENGINES = ['a', 'b', 'c'] as const;

/** Commands from three engines, each at a clock reading that moves forward by 0–15 s. */
const commands = fc.array(
  fc.record({
    kind: fc.constantFrom('take', 'renew', 'release'),
    engine: fc.constantFrom(...ENGINES),
    step: fc.integer({ min: 0, max: 15_000 }),
    durationMs: fc.integer({ min: 1, max: 20_000 }),
    staleEpoch: fc.boolean(),
  }),
  { maxLength: 60 },
);

describe('lease rules (properties)', () => {
  it('epochs never go back and grow by exactly one at each take; no take succeeds while another engine holds an unexpired lease; renewals keep the epoch', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        let state: LeaseState = initialLeaseState;
        let now = 1_700_000_000_000;
        for (const c of cmds) {
          now += c.step;
          const epoch = c.staleEpoch ? Math.max(0, state.epoch - 1) : state.epoch;
          const command: LeaseCommand =
            c.kind === 'take'
              ? { type: 'TakeLease', engineId: c.engine, now, durationMs: c.durationMs }
              : c.kind === 'renew'
                ? { type: 'RenewLease', engineId: c.engine, epoch, now, durationMs: c.durationMs }
                : { type: 'ReleaseLease', engineId: c.engine, epoch, now };
          const result = decideLease(command, state);
          if (!isRight(result)) continue;
          for (const event of result.right) {
            if (event.type === 'EngineLeaseTaken') {
              const heldByOther =
                state.holder !== null && state.holder !== c.engine && now < state.until;
              expect(heldByOther).toBe(false);
              expect(event.data.epoch).toBe(state.epoch + 1);
            } else {
              expect(event.data.epoch).toBe(state.epoch);
              expect(state.holder).toBe(c.engine);
            }
            if (event.type === 'EngineLeaseRenewed') {
              expect(now).toBeLessThan(state.until);
              expect(event.data.until).toBeGreaterThanOrEqual(state.until);
            }
            state = evolveLease(state, event);
          }
        }
      }),
    );
  });
});
