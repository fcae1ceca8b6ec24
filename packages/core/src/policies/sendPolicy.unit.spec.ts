import fc from 'fast-check';
import type { AccountState } from '../account/accountState';
import { accountState } from '../account/accountFixtures.spec.helper';
import { sendPolicy } from './sendPolicy';

const withGate = (gate: AccountState['gate'], tradingState: AccountState['tradingState']) => ({
  ...accountState(),
  gate,
  tradingState,
});

describe('what a guarded account may send (SEMANTICS §7)', () => {
  it('holds everything while the reconciliation gate is closed', () => {
    expect(
      sendPolicy(withGate('RECONCILING', 'ACTIVE'), { kind: 'cancel', reduceOnly: false }),
    ).toBe('HOLD');
  });

  it('a HALTED account sends cancels, amends and reduce-only orders, and drops an entry', () => {
    const halted = withGate('OPEN', 'HALTED');
    expect(sendPolicy(halted, { kind: 'cancel', reduceOnly: false })).toBe('SEND');
    expect(sendPolicy(halted, { kind: 'amend', reduceOnly: false })).toBe('SEND');
    expect(sendPolicy(halted, { kind: 'place', reduceOnly: true })).toBe('SEND');
    expect(sendPolicy(halted, { kind: 'place', reduceOnly: false })).toBe('DROP');
  });

  it('property: what reduces is never dropped, and an open ACTIVE account sends everything', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<AccountState['gate']>('OPEN', 'RECONCILING'),
        fc.constantFrom<AccountState['tradingState']>('ACTIVE', 'REDUCING', 'HALTED'),
        fc.constantFrom<'place' | 'cancel' | 'amend'>('place', 'cancel', 'amend'),
        fc.boolean(),
        (gate, state, kind, reduceOnly) => {
          const policy = sendPolicy(withGate(gate, state), { kind, reduceOnly });
          if (kind !== 'place' || reduceOnly) return policy !== 'DROP';
          return gate === 'OPEN' && state === 'ACTIVE' ? policy === 'SEND' : true;
        },
      ),
    );
  });
});
