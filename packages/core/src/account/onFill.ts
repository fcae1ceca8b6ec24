import Big from 'big.js';
import { baseFeeOf, feeValue } from '../fees/feeValue';
import { accountEvent, type AccountEvent } from './accountEvent';
import type { FillObserved } from './accountCommand';
import { own } from './accountRules';
import type { AccountState } from './accountState';
import { dailyLossBreach } from './dailyLossLimit';
import { evolveAccount } from './evolveAccount';
import { accountSteps, type AccountDecision } from './accountDecision';
import { trip } from './killSwitch';
import { positionLimitBreach } from './positionLimit';
import { applyFill, marksOf, sessionPnl } from './positions';
import { rollSession } from './sessionRoll';

/**
 * A fill moves a position at average cost (`FillRecorded`, with the P&L it realised and the
 * session's P&L after it), then the position limit and the daily loss limit are checked:
 * the fill that crosses one is the one that trips.
 */
export const onFill = (state: AccountState, cmd: FillObserved): AccountDecision => {
  const before = own(state.positions, cmd.symbol);
  const marksAfter = (s: AccountState) => marksOf(s, { ...cmd.marks, [cmd.symbol]: cmd.price });
  return accountSteps.steps(
    state,
    (s) => rollSession(s, cmd.ts, marksAfter(s)),
    (s) => {
      // A fee taken in the base asset on a buy leaves the account holding that much less; every
      // valued fee is a realised cost, so the session's P&L is net (SEMANTICS §9.2).
      const withheld = cmd.side === 'BUY' && !cmd.reduceOnly ? baseFeeOf(cmd.fee, cmd.symbol) : 0;
      const held = new Big(cmd.quantity).minus(withheld).toNumber();
      const outcome = applyFill(own(s.positions, cmd.symbol), cmd.side, cmd.price, held);
      const value = cmd.fee === undefined ? null : feeValue(cmd.fee, cmd.symbol, cmd.price);
      const feeCost = value !== null && 'valued' in value ? value.valued : 0;
      const recorded = accountEvent('FillRecorded', cmd.ts, {
        orderId: cmd.orderId,
        clientOrderId: cmd.clientOrderId ?? null,
        symbol: cmd.symbol,
        side: cmd.side,
        price: cmd.price,
        quantity: cmd.quantity,
        reduceOnly: cmd.reduceOnly,
        position: outcome.position.quantity,
        averagePrice: outcome.position.averagePrice,
        realisedPnl: new Big(outcome.realisedPnl).minus(feeCost).toNumber(),
        sessionPnl: null,
        ...(cmd.fee === undefined ? {} : { fee: { amount: cmd.fee.amount, asset: cmd.fee.asset } }),
      });
      // The session's P&L after the fill is read from the state the fill leads to; the fold
      // of FillRecorded does not read it, so that state is the recorded event's as written.
      const after = evolveAccount(s, recorded);
      const written: AccountEvent = {
        ...recorded,
        data: { ...recorded.data, sessionPnl: sessionPnl(after, marksAfter(after)) },
      };
      return { base: s, events: [written], states: [after], state: after };
    },
    (s) => trip(s, cmd.ts, positionLimitBreach(s, cmd.symbol, before), marksAfter(s)),
    (s) => trip(s, cmd.ts, dailyLossBreach(s, marksAfter(s)), marksAfter(s)),
  );
};
