import type { CreateSmartOrder } from '../commands/createSmartOrder';
import { aSmartOrder, exchangeOnly } from '../testing/fixtures.spec.helper';

/** Asserts that the create is rejected with exactly these issues, in this order. */
const rejects = (command: CreateSmartOrder, ...issues: string[]): void => {
  const error = exchangeOnly.given([]).when(command).thenRejects('VALIDATION_FAILED');
  expect(error.issues.map((i) => (i.path === '' ? i.rule : `${i.path}: ${i.rule}`))).toEqual(
    issues,
  );
  expect(error.message).toBe(issues.join('; '));
  expect(error.orderId).toBe(command.orderId);
};

const accepts = (command: CreateSmartOrder): void => {
  const { result } = exchangeOnly.given([]).when(command);
  expect(
    result._tag === 'Right' ? result.right.events.map((e) => e.type) : result.left.error.message,
  ).toEqual(['SmartOrderCreated']);
};

describe('validation of a smart order (SEMANTICS §1): every violation names its field and rule', () => {
  describe('take-profit ladder of a BUY', () => {
    it('sizePct must sum to 100', () => {
      rejects(
        aSmartOrder('BUY', {
          takeProfits: [
            { price: 105, sizePct: 40 },
            { price: 110, sizePct: 55 },
          ],
        }),
        'takeProfits: sizePct must sum to 100, got 95',
      );
      rejects(
        aSmartOrder('BUY', {
          takeProfits: [
            { price: 105, sizePct: 60 },
            { price: 110, sizePct: 55 },
          ],
        }),
        'takeProfits: sizePct must sum to 100, got 115',
      );
    });

    it('sums to 100 within 1e-9, exactly for decimals like 33.33 + 33.33 + 33.34', () => {
      const thirds = [105, 110, 120].map((price, i) => ({
        price,
        sizePct: i === 2 ? 33.34 : 33.33,
      }));
      accepts(aSmartOrder('BUY', { takeProfits: thirds }));
      accepts(
        aSmartOrder('BUY', {
          takeProfits: [105, 110, 120].map((price) => ({ price, sizePct: 100 / 3 })),
        }),
      );
      rejects(
        aSmartOrder('BUY', {
          takeProfits: [
            { price: 105, sizePct: 50 },
            { price: 110, sizePct: 49.999999 },
          ],
        }),
        'takeProfits: sizePct must sum to 100, got 99.999999',
      );
    });

    it('each sizePct is in (0, 100]', () => {
      rejects(
        aSmartOrder('BUY', {
          takeProfits: [
            { price: 105, sizePct: 0 },
            { price: 110, sizePct: 100 },
          ],
        }),
        'takeProfits[0].sizePct: must be a percentage in (0, 100], got 0',
      );
      rejects(
        aSmartOrder('BUY', {
          takeProfits: [
            { price: 105, sizePct: 101 },
            { price: 110, sizePct: -1 },
          ],
        }),
        'takeProfits[0].sizePct: must be a percentage in (0, 100], got 101',
        'takeProfits[1].sizePct: must be a percentage in (0, 100], got -1',
      );
    });

    it('prices strictly ascending', () => {
      rejects(
        aSmartOrder('BUY', {
          takeProfits: [
            { price: 110, sizePct: 50 },
            { price: 110, sizePct: 50 },
          ],
        }),
        'takeProfits[1].price: must be above the previous level 110 for a BUY (levels strictly ascending), got 110',
      );
    });

    it('prices above the entry price', () => {
      rejects(
        aSmartOrder('BUY', {
          takeProfits: [
            { price: 100, sizePct: 50 },
            { price: 110, sizePct: 50 },
          ],
        }),
        'takeProfits[0].price: must be above the entry price 100 for a BUY, got 100',
      );
    });

    it('1 to 20 levels', () => {
      rejects(
        aSmartOrder('BUY', { takeProfits: [] }),
        'takeProfits: must be a list of 1..20 items, got 0 items',
      );
      const many = Array.from({ length: 21 }, (_, i) => ({ price: 101 + i, sizePct: 100 / 21 }));
      rejects(
        aSmartOrder('BUY', { takeProfits: many }),
        'takeProfits: must be a list of 1..20 items, got 21 items',
      );
    });

    it('a level other than the last must not round to nothing at the step size', () => {
      rejects(
        aSmartOrder('BUY', {
          quantity: 0.01,
          market: { tickSize: 0.01, stepSize: 0.01 },
          takeProfits: [
            { price: 105, sizePct: 40 },
            { price: 110, sizePct: 60 },
          ],
        }),
        'takeProfits[0].sizePct: 40 % of 0.01 rounds down to nothing at the step size 0.01',
      );
    });
  });

  describe('take-profit ladder of a SELL: the mirror image', () => {
    it('prices strictly descending and below the entry price', () => {
      rejects(
        aSmartOrder('SELL', {
          takeProfits: [
            { price: 100, sizePct: 50 },
            { price: 101, sizePct: 50 },
          ],
        }),
        'takeProfits[0].price: must be below the entry price 100 for a SELL, got 100',
        'takeProfits[1].price: must be below the previous level 100 for a SELL (levels strictly descending), got 101',
        'takeProfits[1].price: must be below the entry price 100 for a SELL, got 101',
      );
    });
  });

  describe('stop loss', () => {
    it('below the entry price for a BUY', () => {
      rejects(
        aSmartOrder('BUY', { stopLoss: { price: 101 } }),
        'stopLoss.price: must be below the entry price 100 for a BUY, got 101',
      );
      rejects(
        aSmartOrder('BUY', { stopLoss: { price: 100 } }),
        'stopLoss.price: must be below the entry price 100 for a BUY, got 100',
      );
    });

    it('above the entry price for a SELL', () => {
      rejects(
        aSmartOrder('SELL', { stopLoss: { price: 99 } }),
        'stopLoss.price: must be above the entry price 100 for a SELL, got 99',
      );
    });

    it('a positive price', () => {
      rejects(
        aSmartOrder('BUY', { stopLoss: { price: 0 } }),
        'stopLoss.price: must be a finite number > 0, got 0',
      );
    });
  });

  describe('the entry reference of a MARKET entry', () => {
    it('is the last known price when the engine knows one', () => {
      rejects(
        aSmartOrder('BUY', {
          entry: { type: 'MARKET' },
          referencePrice: 106,
          stopLoss: { price: 107 },
        }),
        'takeProfits[0].price: must be above the last price 106 for a BUY, got 105',
        'stopLoss.price: must be below the last price 106 for a BUY, got 107',
      );
    });

    it('leaves entry-relative rules unchecked when no price is known', () => {
      accepts(aSmartOrder('BUY', { entry: { type: 'MARKET' }, stopLoss: { price: 107 } }));
    });
  });

  describe('prices and quantities', () => {
    it('finite and > 0', () => {
      rejects(aSmartOrder('BUY', { quantity: 0 }), 'quantity: must be a finite number > 0, got 0');
      rejects(
        aSmartOrder('BUY', { quantity: -1 }),
        'quantity: must be a finite number > 0, got -1',
      );
      rejects(
        aSmartOrder('BUY', { quantity: Number.NaN }),
        'quantity: must be a finite number > 0, got NaN',
      );
      rejects(
        aSmartOrder('BUY', { quantity: Infinity }),
        'quantity: must be a finite number > 0, got Infinity',
      );
      rejects(
        aSmartOrder('BUY', { quantity: '1' as unknown as number }),
        'quantity: must be a finite number > 0, got "1"',
      );
      rejects(
        aSmartOrder('BUY', { entry: { type: 'LIMIT', price: -100 } }),
        'entry.price: must be a finite number > 0, got -100',
      );
    });

    it('on the market’s grid: prices on the tick, the quantity on the step, at least the minimum quantity', () => {
      rejects(
        aSmartOrder('BUY', { entry: { type: 'LIMIT', price: 100.001 } }),
        'entry.price: must be a multiple of the tick size 0.01, got 100.001',
      );
      rejects(
        aSmartOrder('BUY', { takeProfits: [{ price: 105.005, sizePct: 100 }] }),
        'takeProfits[0].price: must be a multiple of the tick size 0.01, got 105.005',
      );
      rejects(
        aSmartOrder('BUY', { stopLoss: { price: 94.999 } }),
        'stopLoss.price: must be a multiple of the tick size 0.01, got 94.999',
      );
      rejects(
        aSmartOrder('BUY', {
          quantity: 1.5,
          market: { tickSize: 0.01, stepSize: 1 },
          takeProfits: [{ price: 105, sizePct: 100 }],
        }),
        'quantity: must be a multiple of the step size 1, got 1.5',
      );
      rejects(
        aSmartOrder('BUY', {
          quantity: 1,
          market: { tickSize: 0.01, stepSize: 1, minQty: 2 },
          takeProfits: [{ price: 105, sizePct: 100 }],
        }),
        'quantity: must be at least the minimum quantity 2, got 1',
      );
    });
  });

  describe('trailing', () => {
    it('a callback rate strictly between 0 and 1', () => {
      rejects(
        aSmartOrder('BUY', { trailing: { callbackRate: 1 } }),
        'trailing.callbackRate: must be a fraction strictly between 0 and 1 (0.02 = 2 %), got 1',
      );
      rejects(
        aSmartOrder('BUY', { trailing: { callbackRate: 0 } }),
        'trailing.callbackRate: must be a fraction strictly between 0 and 1 (0.02 = 2 %), got 0',
      );
    });

    it('an activation price on the tick grid', () => {
      rejects(
        aSmartOrder('BUY', { trailing: { callbackRate: 0.02, activationPrice: 104.999 } }),
        'trailing.activationPrice: must be a multiple of the tick size 0.01, got 104.999',
      );
    });
  });

  describe('shape', () => {
    it('rejects unknown fields, naming them', () => {
      const { stopLoss, ...rest } = aSmartOrder('BUY');
      rejects(
        { ...rest, stopLos: stopLoss } as unknown as CreateSmartOrder,
        'stopLos: unknown field',
      );
      rejects(
        aSmartOrder('BUY', { trailing: { callbackRate: 0.02, callback: 1 } as never }),
        'trailing.callback: unknown field',
      );
    });

    it('an orderId of 1..64 characters of [A-Za-z0-9_-]', () => {
      rejects(
        aSmartOrder('BUY', { orderId: 'o 1' }),
        'orderId: must be 1..64 characters of [A-Za-z0-9_-], got "o 1"',
      );
      rejects(
        aSmartOrder('BUY', { orderId: '' }),
        'orderId: must be 1..64 characters of [A-Za-z0-9_-], got ""',
      );
      rejects(
        aSmartOrder('BUY', { orderId: 'x'.repeat(65) }),
        `orderId: must be 1..64 characters of [A-Za-z0-9_-], got "${'x'.repeat(36)}...`,
      );
      accepts(aSmartOrder('BUY', { orderId: `A_z-9${'x'.repeat(59)}` }));
    });

    it('names every required field that is missing, and every wrong one, at once', () => {
      rejects(
        {
          type: 'CreateSmartOrder',
          orderId: 'o-1',
          ts: 1,
          side: 'LONG',
          entry: { type: 'STOP' },
        } as unknown as CreateSmartOrder,
        'exchange: is required',
        'symbol: is required',
        'side: must be "BUY" or "SELL", got "LONG"',
        'quantity: is required',
        'takeProfits: is required',
        'entry.type: must be one of "MARKET", "LIMIT", "TRAILING", got "STOP"',
      );
    });

    it('a LIMIT entry needs its price', () => {
      rejects(
        aSmartOrder('BUY', { entry: { type: 'LIMIT' } as never }),
        'entry.price: is required',
      );
    });

    it('reports shape and rules together only when the shape is right: rules need a well-formed order', () => {
      rejects(
        aSmartOrder('BUY', { quantity: 0, takeProfits: [{ price: 105, sizePct: 95 }] }),
        'quantity: must be a finite number > 0, got 0',
      );
    });

    it('a ccxt symbol and an exchange id', () => {
      rejects(
        aSmartOrder('BUY', { symbol: 'BTCUSDT' }),
        'symbol: must be a ccxt symbol like "BTC/USDT" or "BTC/USDT:USDT", got "BTCUSDT"',
      );
      rejects(
        aSmartOrder('BUY', { exchange: 'Binance' }),
        'exchange: must be an exchange id of lowercase letters and digits, like "binance" or "paper", got "Binance"',
      );
      accepts(aSmartOrder('BUY', { symbol: 'BTC/USDT:USDT', exchange: 'binance' }));
    });

    it('an integer epoch-millisecond timestamp', () => {
      rejects(
        aSmartOrder('BUY', { ts: 1.5 }),
        'ts: must be an epoch-millisecond integer >= 0, got 1.5',
      );
      rejects(
        aSmartOrder('BUY', { ts: -1 }),
        'ts: must be an epoch-millisecond integer >= 0, got -1',
      );
    });
  });
});
