import { chartEvents, trailingScenario } from './chartEvents.spec.helper';
import { orderTracks } from './orderTrack';

describe('orderTracks', () => {
  it('draws each level of an order as steps over time, from the core’s own fold', () => {
    const [track] = orderTracks(trailingScenario());
    const lines = Object.fromEntries((track?.lines ?? []).map((l) => [l.label, l.samples]));
    expect(Object.keys(lines)).toEqual([
      'o-1 TP1',
      'o-1 TP2',
      'o-1 stop',
      'o-1 entry',
      'o-1 trailing stop',
    ]);
    expect(lines['o-1 TP1']).toEqual([
      { x: 1000, value: 105 },
      { x: 4000, value: 105 },
      { x: 4000, value: null },
    ]);
    expect(lines['o-1 TP2']).toEqual([
      { x: 1000, value: 110 },
      { x: 6000, value: 110 },
      { x: 6000, value: null },
    ]);
    expect(lines['o-1 stop']).toEqual([
      { x: 1000, value: 95 },
      { x: 4000, value: 100 },
      { x: 6000, value: 100 },
      { x: 6000, value: null },
    ]);
    expect(lines['o-1 trailing stop']).toEqual([
      { x: 2000, value: 98 },
      { x: 3000, value: 100.94 },
      { x: 4000, value: 103.88 },
      { x: 5000, value: 105.84 },
      { x: 6000, value: 105.84 },
      { x: 6000, value: null },
    ]);
    expect(track?.open.size).toBe(0);
  });

  it('draws a trailing take-profit’s trail stop like the trailing stop, from its arming to its exit, and an offset level from the entry fill', () => {
    const tick = (ts: number, price: number) =>
      ({ type: 'Tick', symbol: 'BTC/USDT', ts, price }) as const;
    const events = chartEvents([
      {
        type: 'CreateSmartOrder',
        orderId: 'o-7',
        ts: 10,
        exchange: 'paper',
        symbol: 'BTC/USDT',
        side: 'BUY',
        quantity: 1,
        entry: { type: 'MARKET' },
        referencePrice: 100,
        takeProfits: [{ offsetPct: 5, sizePct: 100, trailing: { callbackRate: 0.01 } }],
      },
      { fillEntry: 100, orderId: 'o-7', ts: 1000 },
      tick(2000, 105.5),
      tick(3000, 107),
      tick(4000, 105.9),
    ]);
    const [track] = orderTracks(events);
    const lines = Object.fromEntries((track?.lines ?? []).map((l) => [l.label, l.samples]));
    expect(lines['o-7 TP1']).toEqual([
      { x: 1000, value: 105 },
      { x: 4000, value: 105 },
      { x: 4000, value: null },
    ]);
    expect(lines['o-7 TP1 trail']).toEqual([
      { x: 2000, value: 104.45 },
      { x: 3000, value: 105.93 },
      { x: 4000, value: 105.93 },
      { x: 4000, value: null },
    ]);
    expect(lines['o-7 TP1 trail']).toBeDefined();
    expect(track?.lines.find((l) => l.key === 'tp1trail')?.dash).toEqual([2, 2]);
  });

  it('draws a trailing entry’s trigger like the trailing stop while it waits, up to the entry', () => {
    const tick = (ts: number, price: number) =>
      ({ type: 'Tick', symbol: 'BTC/USDT', ts, price }) as const;
    const events = chartEvents([
      {
        type: 'CreateSmartOrder',
        orderId: 'o-8',
        ts: 10,
        exchange: 'paper',
        symbol: 'BTC/USDT',
        side: 'BUY',
        quantity: 1,
        entry: { type: 'TRAILING', callbackRate: 0.02 },
        takeProfits: [{ price: 120, sizePct: 100 }],
      },
      tick(1000, 100),
      tick(2000, 95),
      tick(3000, 97),
    ]);
    const [track] = orderTracks(events);
    const line = track?.lines.find((l) => l.key === 'entryTrail');
    expect(line?.samples).toEqual([
      { x: 1000, value: 102 },
      { x: 2000, value: 96.9 },
      { x: 3000, value: 96.9 },
      { x: 3000, value: null },
    ]);
    expect(line?.dash).toEqual([2, 2]);
  });

  it('marks every fill and gives the final view', () => {
    const [track] = orderTracks(trailingScenario());
    expect(track?.fills).toEqual([
      { kind: 'entry', x: 2000, price: 100 },
      { kind: 'takeProfit', x: 4000, price: 106 },
      { kind: 'stop', x: 6000, price: 104 },
    ]);
    expect(track?.view.status).toBe('STOPPED');
  });

  it('draws a pending limit entry and leaves a live order’s lines open', () => {
    const events = chartEvents([
      {
        type: 'CreateSmartOrder',
        orderId: 'o-9',
        ts: 10,
        exchange: 'paper',
        symbol: 'ETH/USDT',
        side: 'SELL',
        quantity: 2,
        entry: { type: 'LIMIT', price: 2700 },
        takeProfits: [{ price: 2600, sizePct: 100 }],
      },
    ]);
    const [track] = orderTracks([
      ...events,
      {
        orderId: null,
        ts: 20,
        type: 'KillSwitchTripped',
        data: { reason: 'MANUAL' },
      },
    ]);
    expect(track?.symbol).toBe('ETH/USDT');
    expect(track?.lines.map((l) => [l.label, l.samples])).toEqual([
      ['o-9 limit entry', [{ x: 10, value: 2700 }]],
      ['o-9 TP1', [{ x: 10, value: 2600 }]],
    ]);
    expect(track?.open.size).toBe(2);
  });
});
