import type { Command } from '../commands/command';
import { event, type OrderEvent } from '../events/orderEvent';
import { fold } from '../state/evolve';
import {
  aSmartOrder,
  entryCid,
  entryFill,
  exchangeOnly,
  paper,
  stopCid,
  tick,
  tpCid,
  trade,
  settled,
} from '../testing/fixtures.spec.helper';

const orderCommands: Command[] = [
  { type: 'ModifyStopLoss', orderId: 'o-1', ts: 30, price: 96 },
  { type: 'ModifyTrailing', orderId: 'o-1', ts: 30, callbackRate: 0.03 },
  { type: 'ToggleBreakEven', orderId: 'o-1', ts: 30, enabled: true },
  { type: 'Cancel', orderId: 'o-1', ts: 30 },
  { type: 'Cancel', orderId: 'o-1', ts: 30, flatten: true },
];
const everyCommand: Command[] = [
  ...orderCommands,
  tick(101, 30),
  tick(50, 30),
  tick(150, 30),
  trade(entryCid, 100, 1, 30),
  trade(tpCid(1), 105, 0.4, 30),
];

describe('commands on an order that does not exist', () => {
  it.each(orderCommands.map((c) => [c.type, c]))('%s is ORDER_NOT_FOUND', (_type, command) => {
    exchangeOnly
      .given([])
      .when(command)
      .thenRejects('ORDER_NOT_FOUND', 'orderId: no smart order o-1; create it first');
  });

  it('a tick or a report for no order is ORDER_NOT_FOUND too', () => {
    exchangeOnly
      .given([])
      .when(tick(100))
      .thenRejects('ORDER_NOT_FOUND', 'Tick: no such smart order');
    exchangeOnly
      .given([])
      .when(entryFill())
      .thenRejects('ORDER_NOT_FOUND', 'ExecutionReport: no such smart order o-1');
  });
});

describe('terminal states reject everything (SEMANTICS §2)', () => {
  const terminal: [string, OrderEvent[]][] = [
    ['CLOSED', paper.history(aSmartOrder('BUY'), entryFill(), tick(125, 10))],
    ['STOPPED', paper.history(aSmartOrder('BUY'), entryFill(), tick(90, 10))],
    // A PENDING order ends CANCELLED once the exchange confirms its entry cancelled (§4, v2):
    // the paper exchange confirms it at once.
    ['CANCELLED', paper.history(aSmartOrder('BUY'), { type: 'Cancel', orderId: 'o-1', ts: 3 })],
  ];

  describe.each(terminal)('%s', (status, history) => {
    it('is the status the history leads to', () => {
      expect(fold(history)?.status).toBe(status);
    });

    it.each(everyCommand.map((c) => [c.type, c]))(
      '%s is ORDER_TERMINAL and appends nothing',
      (_type, command) => {
        exchangeOnly
          .given(history)
          .when(command)
          .thenRejects('ORDER_TERMINAL', `is ${status}, a terminal state`);
      },
    );

    it('a create under the same id is refused: the id is taken', () => {
      exchangeOnly
        .given(history)
        .when(aSmartOrder('BUY'))
        .thenRejects('VALIDATION_FAILED', 'orderId: must be unique, o-1 already exists');
    });
  });
});

describe('an order being exited accepts no more commands (ORDER_CLOSING)', () => {
  const stopFired = exchangeOnly.history(aSmartOrder('BUY'), entryFill(), tick(95, 10));
  const flattening = exchangeOnly.history(aSmartOrder('BUY'), entryFill(), {
    type: 'Cancel',
    orderId: 'o-1',
    ts: 10,
    flatten: true,
  });

  it.each(orderCommands.map((c) => [c.type, c]))('%s after the stop fired', (_type, command) => {
    exchangeOnly
      .given(stopFired)
      .when(command)
      .thenRejects('ORDER_CLOSING', 'is being exited (its stop fired)');
  });

  it.each(orderCommands.map((c) => [c.type, c]))(
    '%s during a cancel with flatten',
    (_type, command) => {
      exchangeOnly
        .given(flattening)
        .when(command)
        .thenRejects('ORDER_CLOSING', 'is being exited (cancel with flatten)');
    },
  );

  it('ticks and reports still apply: they finish the exit', () => {
    exchangeOnly.given(stopFired).when(tick(94, 11)).then([]);
    exchangeOnly
      .given(stopFired)
      .when(trade(stopCid(), 95, 1, 11))
      .then([
        event('StopLossFilled', 11, { price: 95, quantity: 1, clientOrderId: stopCid() }),
        event('SmartOrderStopped', 11, { kind: 'STOP_LOSS', ...settled(-5) }),
      ]);
  });
});
