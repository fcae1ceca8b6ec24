import { createSpecInterner } from './specInterner';

const parsed = (): Record<string, unknown> =>
  JSON.parse(
    JSON.stringify({
      orderId: 'o-1',
      exchange: 'paper',
      symbol: 'ETH/USDT',
      side: 'BUY',
      quantity: 0.5,
      entry: { type: 'MARKET' },
      market: { tickSize: 0.01, stepSize: 0.0001, minQty: 0 },
      triggerSource: 'LAST',
    }),
  ) as Record<string, unknown>;

describe('the spec interner of a rebuild', () => {
  it('gives back data equal to what it was given, field for field and in the same order', () => {
    const intern = createSpecInterner();
    const data = parsed();
    const copy = JSON.parse(JSON.stringify(data)) as unknown;
    const out = intern(data);
    expect(out).toEqual(copy);
    expect(Object.keys(out)).toEqual(Object.keys(copy as object));
  });

  it('shares the market and a bare entry of every order that has equal ones', () => {
    const intern = createSpecInterner();
    const a = intern(parsed());
    const b = intern(parsed());
    expect(b['market']).toBe(a['market']);
    expect(b['entry']).toBe(a['entry']);
    const other = intern({ ...parsed(), market: { tickSize: 0.1, stepSize: 0.001, minQty: 0 } });
    expect(other['market']).not.toBe(a['market']);
  });

  it('leaves alone what is not the shape it knows: an entry with a price, a market with more', () => {
    const intern = createSpecInterner();
    const a = intern({ ...parsed(), entry: { type: 'LIMIT', price: 100 } });
    const b = intern({ ...parsed(), entry: { type: 'LIMIT', price: 101 } });
    expect(b['entry']).toEqual({ type: 'LIMIT', price: 101 });
    expect(b['entry']).not.toBe(a['entry']);
    const wider = { tickSize: 0.01, stepSize: 0.0001, minQty: 0, contractSize: 1 };
    expect(intern({ ...parsed(), market: wider })['market']).toBe(wider);
  });
});
