import { event } from '../events/orderEvent';
import {
  activeOrder,
  aSmartOrder,
  entryFill,
  exchangeOnly,
  mirror,
  SIDES,
  tick,
  tpCid,
  trade,
} from '../testing/fixtures.spec.helper';

const toggle = (enabled: boolean, ts = 20) => ({
  type: 'ToggleBreakEven' as const,
  orderId: 'o-1',
  ts,
  enabled,
});

describe.each(SIDES)('ToggleBreakEven on a %s (SEMANTICS §4)', (side) => {
  const px = mirror(side);
  const afterTp1Filled = (breakEven: boolean) =>
    exchangeOnly.history(
      aSmartOrder(side, { breakEven }),
      entryFill(),
      tick(px(105), 10),
      trade(tpCid(1), px(105), 0.4, 11),
    );

  it('switched on after TP1 filled, moves the stop at once', () => {
    exchangeOnly
      .given(afterTp1Filled(false))
      .when(toggle(true))
      .then([
        event('BreakEvenToggled', 20, { enabled: true }),
        event('BreakEvenMoved', 20, { from: px(95), to: 100 }),
      ]);
  });

  it('switched on before any fill, waits for the first fill', () => {
    exchangeOnly
      .given(activeOrder(side))
      .when(toggle(true))
      .then([event('BreakEvenToggled', 20, { enabled: true })]);
    exchangeOnly
      .given(exchangeOnly.history(aSmartOrder(side)))
      .when(toggle(true))
      .then([event('BreakEvenToggled', 20, { enabled: true })]);
  });

  it('switched off, leaves a stop it already moved where it is', () => {
    const state = exchangeOnly
      .given(afterTp1Filled(true))
      .when(toggle(false))
      .then([event('BreakEvenToggled', 20, { enabled: false })]);
    expect(state?.stopLoss).toBe(100);
  });

  it('set to the value it has, is a no-op', () => {
    exchangeOnly.given(activeOrder(side)).when(toggle(false)).then([]);
    exchangeOnly
      .given(activeOrder(side, { breakEven: true }))
      .when(toggle(true))
      .then([]);
  });

  it('switched on again after the user loosened the moved stop, moves it again at once', () => {
    const given = [
      ...afterTp1Filled(true),
      event('StopLossModified', 12, { from: 100, to: px(97) }),
      event('BreakEvenToggled', 13, { enabled: false }),
    ];
    exchangeOnly
      .given(given)
      .when(toggle(true))
      .then([
        event('BreakEvenToggled', 20, { enabled: true }),
        event('BreakEvenMoved', 20, { from: px(97), to: 100 }),
      ]);
  });
});
