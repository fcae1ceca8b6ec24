import type { Command, Tick } from '@smart-orders/core';
import { unitsOf } from './unitsOf';

const tick: Tick = { type: 'Tick', symbol: 'ETH/USDT', ts: 1_000, price: 100 };
const cancel: Command = { type: 'Cancel', orderId: 'a', ts: 1_000 };
const due = () => true;
const nothingDue = () => false;

describe('how one piece of work is cut into units', () => {
  it('a tick alone, with no deadline passed, is one unit', () => {
    expect(unitsOf({ tick }, false, nothingDue)).toBeUndefined();
  });

  it('commands that arrive with a tick go first, marked to it; the tick follows on its own', () => {
    expect(unitsOf({ commands: [cancel], tick }, false, due)).toEqual([
      { work: { commands: [cancel], markTo: tick }, deadlinesDecided: false },
      { work: { tick }, deadlinesDecided: false },
    ]);
  });

  it('a deadline the tick passes is decided before the tick (SEMANTICS §8.6)', () => {
    expect(unitsOf({ tick }, false, due)).toEqual([
      { work: { timer: { ts: 1_000, tick } }, deadlinesDecided: false },
      { work: { tick }, deadlinesDecided: true },
    ]);
    expect(unitsOf({ tick }, true, due)).toBeUndefined();
  });

  it('an off-market print decides no deadline', () => {
    expect(unitsOf({ tick: { ...tick, offMarket: true } }, false, due)).toBeUndefined();
  });

  it('work without a tick is one unit', () => {
    expect(unitsOf({ commands: [cancel] }, false, due)).toBeUndefined();
  });
});
