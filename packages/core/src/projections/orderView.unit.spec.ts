import type { Command } from '../commands/command';
import { fold } from '../state/evolve';
import type { OrderState } from '../state/orderState';
import {
  aSmartOrder,
  entryCid,
  entryFill,
  paper,
  tick,
  trade,
} from '../testing/fixtures.spec.helper';
import { orderView, type OrderView } from './orderView';

const viewAfter = (...commands: Command[]): OrderView =>
  orderView(fold(paper.history(...commands)) as OrderState);

describe('orderView (SEMANTICS §2): what a UI shows of one order', () => {
  it('shows a PENDING order with grey levels and its fixed stop', () => {
    expect(viewAfter(aSmartOrder('BUY'))).toMatchObject({
      status: 'PENDING',
      progress: '0/3',
      entryPrice: null,
      openQuantity: 0,
      effectiveStop: { price: 95, kind: 'STOP_LOSS' },
      takeProfits: [
        { level: 1, price: 105, sizePct: 40, quantity: 0, filledQuantity: 0, status: 'PENDING' },
        { level: 2, price: 110, sizePct: 35, quantity: 0, filledQuantity: 0, status: 'PENDING' },
        { level: 3, price: 120, sizePct: 25, quantity: 0, filledQuantity: 0, status: 'PENDING' },
      ],
    });
  });

  it('shows an order ACTIVE from its entry’s first part, with what of the entry has filled (SEMANTICS §9.4)', () => {
    expect(
      viewAfter(
        aSmartOrder('BUY'),
        trade(entryCid, 100, 0.3, 2),
        trade(entryCid, 101, 0.5, 3, 0.2),
      ),
    ).toMatchObject({
      status: 'ACTIVE',
      quantity: 1,
      entryPrice: 100.4,
      entryFilledQuantity: 0.5,
      entryWorking: true,
      openQuantity: 0.5,
      takeProfits: [{ quantity: 0.2 }, { quantity: 0.175 }, { quantity: 0.125 }],
    });
  });

  it('shows progress as filled levels over all levels, the binding stop and realised P&L', () => {
    const view = viewAfter(
      aSmartOrder('BUY', { breakEven: true, trailing: { callbackRate: 0.02 } }),
      entryFill(),
      tick(110, 10),
    );
    expect(view).toMatchObject({
      status: 'PARTIALLY_CLOSED',
      progress: '2/3',
      entryPrice: 100,
      openQuantity: 0.25,
      stopLoss: 100,
      effectiveStop: { price: 107.8, kind: 'TRAILING_STOP' },
      trailing: { callbackRate: 0.02, armed: true, mark: 110, stopPrice: 107.8 },
      breakEven: true,
      realisedPnl: 7.5,
    });
    expect(view.takeProfits.map((l) => l.status)).toEqual(['FILLED', 'FILLED', 'PENDING']);
  });

  it('shows no binding stop once the order is terminal, and red levels after a stop', () => {
    const view = viewAfter(aSmartOrder('SELL'), entryFill(), tick(105, 10));
    expect(view).toMatchObject({
      status: 'STOPPED',
      progress: '0/3',
      effectiveStop: null,
      openQuantity: 0,
      realisedPnl: -5,
    });
    expect(view.takeProfits.map((l) => l.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
  });
});
