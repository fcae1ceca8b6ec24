import { tripCancels, tripMayCancel, type OrderState } from '@smart-orders/core';
import type { AccountWork } from './account/accountWork';
import type { OpenOrderBook } from './openOrderBook';
import type { UnitOfWork } from './unitOfWork';
import type { Work } from './work';

/**
 * The kill switch's consequences inside the unit of work that tripped it (or the first unit
 * that finds it tripped): the core's `tripCancels` says what is cancelled (every open smart
 * order, without flatten); holdings the unit carries move the flatten on. Repeated while the
 * account decides something new (bounded).
 */
export const applyTrip = (
  book: OpenOrderBook,
  unit: UnitOfWork,
  account: AccountWork,
  work: Work,
  now: number,
  stepSizes: () => Record<string, number>,
): void => {
  for (let round = 0; round < 16; round++) {
    const before = account.events.length;
    // Tripped elsewhere too (the watchdog, an engine that died mid-trip): while the switch
    // is tripped no smart order stays open, whoever tripped it.
    account.takeTrip();
    // Untripped and no flatten (every tick but a few): nothing to cancel, and no walk over every
    // open order, which made each tick's cost grow with their number.
    if (tripMayCancel(account.state)) {
      const open = new Map<string, OrderState>();
      for (const s of book.all()) open.set(s.spec.orderId, s);
      for (const t of unit.touched.values()) open.set(t.state.spec.orderId, t.state);
      const current = [...open.keys()].flatMap((id) => {
        const s = unit.stateOf(id);
        return s === null ? [] : [s];
      });
      for (const cancel of tripCancels(account.state, current, now))
        unit.decideFor(cancel.orderId, cancel, true);
    }
    if (work.holdings !== undefined) account.poll(now, work.holdings, stepSizes());
    if (account.events.length === before) return;
  }
};
