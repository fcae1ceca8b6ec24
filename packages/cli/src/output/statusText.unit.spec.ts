import { statusText } from './statusText';
import { storedEvents, viewsOf } from './storedEvents.spec.helper';

const view = () => {
  const [v] = viewsOf(
    storedEvents([
      {
        type: 'CreateSmartOrder' as const,
        orderId: 'o-1',
        ts: 1000,
        exchange: 'paper',
        symbol: 'BTC/USDT',
        side: 'BUY' as const,
        quantity: 1,
        entry: { type: 'MARKET' as const },
        takeProfits: [{ price: 105, sizePct: 100 }],
      },
      { fillEntry: 100, orderId: 'o-1', ts: 2000 },
    ]),
  );
  if (v === undefined) throw new Error('no view');
  return v;
};

describe('statusText', () => {
  it('is the status of an order whose entry is done', () => {
    expect(statusText(view())).toBe('ACTIVE');
  });

  it('says what of the entry has filled while the rest may still fill (SEMANTICS §9.4)', () => {
    expect(statusText({ ...view(), entryFilledQuantity: 0.4, entryWorking: true })).toBe(
      'ACTIVE (entry 0.4/1)',
    );
  });
});
