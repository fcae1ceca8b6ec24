import { join } from 'node:path';
import { exampleTicks, repoRoot, runCli } from './testing/runCli';

interface Line {
  readonly stream: string;
  readonly orderId: string | null;
  readonly version: number;
  readonly ts: number;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

const drill = (name: string) => {
  const run = runCli([
    'replay',
    '--ticks',
    exampleTicks,
    '--symbol',
    'ETH/USDT',
    '--plan',
    join(repoRoot, 'examples/plans/drills', name),
    '--store',
    'memory:',
    '--format',
    'jsonl',
  ]);
  expect(run.status).toBe(0);
  const lines = run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
  return { lines, stderr: run.stderr, of: (type: string) => lines.filter((l) => l.type === type) };
};

describe('smart-orders replay: the emergency drills on recorded ticks', () => {
  it('a daily loss limit hit while market orders are refused: trip, limit fallback, confirmed flat, later entries refused', () => {
    const { lines, of, stderr } = drill('daily-loss-rejected-market.json');
    const [tripped] = of('KillSwitchTripped');
    expect(of('KillSwitchTripped')).toHaveLength(1);
    expect(tripped?.data).toMatchObject({ reason: 'DAILY_LOSS_LIMIT', limit: 15 });
    // The tick that breaks the limit is the first whose mark loses 15 on 2 ETH bought at 2682.51.
    expect(tripped?.data.value).toBeLessThanOrEqual(-15);
    const exits = of('FlattenExitRequested');
    const retried = of('FlattenRetriedAsLimit');
    expect(exits).toHaveLength(1);
    // The 2 ETH bought paid their fee in ETH (replay's default, 10 bps in the received asset):
    // the flatten sells the 1.998 held.
    expect(retried[0]?.data).toMatchObject({ reason: 'REJECTED', side: 'SELL', quantity: 1.998 });
    expect(String(retried[0]?.data.rejection)).toContain('rejectMarketOrders');
    const confirmed = of('FlattenConfirmed');
    expect(confirmed).toHaveLength(1);
    // The limit exit fills in parts, as the prints at its price allow (SEMANTICS §9.4); the
    // last part leaves the account flat.
    const exitFills = lines.filter(
      (l) => l.type === 'FillRecorded' && l.data.clientOrderId === retried[0]?.data.clientOrderId,
    );
    for (const f of exitFills) expect(f.data.price).toBe(retried[0]?.data.limitPrice);
    const exitFill = exitFills.at(-1);
    expect(exitFill?.data).toMatchObject({ position: 0 });
    expect(lines.indexOf(confirmed[0] as Line)).toBeGreaterThan(lines.indexOf(exitFill as Line));
    expect(lines.some((l) => l.orderId === 'drill-after-trip')).toBe(false);
    expect(stderr).toContain('drill-after-trip');
    expect(stderr).toContain('TRADING_HALTED');
    const account = lines.filter((l) => l.stream === 'account-drill-daily-loss');
    expect(account.map((l) => l.version)).toEqual(account.map((_, i) => i + 1));
  });

  it("the drill's summary shows the flatten's P&L on the account's row and in the total", () => {
    const run = runCli([
      'replay',
      '--ticks',
      exampleTicks,
      '--symbol',
      'ETH/USDT',
      '--plan',
      join(repoRoot, 'examples/plans/drills/daily-loss-rejected-market.json'),
      '--store',
      'memory:',
      '--format',
      'summary',
    ]);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('account drill-daily-loss'))?.split(/\s+/)).toEqual([
      'account',
      'drill-daily-loss',
      'ETH/USDT',
      'SELL',
      'FLATTEN',
      '—',
      '-12.45',
      '5.35',
      '-17.80',
      '—',
      '—',
    ]);
    // The replay charges the default fee (10 bps, the buys' in ETH): the entry's fees are on the
    // order's row, the flatten's on the account's, and the trip comes earlier, since the
    // session's P&L counts them.
    expect(lines).toContain('realised P&L: -23.17 USDT net (gross -12.45, fees 10.72)');
  });

  it('a runaway entry loop trips RUNAWAY_ORDERS at the sixth order in a minute, cancels the entries and refuses the rest', () => {
    const { lines, of, stderr } = drill('runaway-entry-loop.json');
    expect(of('KillSwitchTripped').map((l) => l.data.reason)).toEqual(['RUNAWAY_ORDERS']);
    expect(of('SmartOrderCreated').map((l) => l.orderId)).toEqual([
      'loop-0',
      'loop-1',
      'loop-2',
      'loop-3',
      'loop-4',
      'loop-5',
    ]);
    expect(of('SmartOrderCancelled')).toHaveLength(6);
    expect(of('FlattenConfirmed')).toHaveLength(1);
    for (const refused of ['loop-6', 'loop-7', 'loop-8', 'loop-9'])
      expect(stderr).toMatch(new RegExp(`${refused} at .* rejected: TRADING_HALTED`));
    expect(lines.filter((l) => l.orderId === 'loop-6')).toEqual([]);
  });

  it('native stops on recorded ticks: placed at the entry’s first fill, moved with break-even and the trailing stop, confirmed cancelled before each order ends', () => {
    const { lines, of } = drill('native-stops.json');
    const orders = ['eth-short-ladder', 'eth-long-trailing', 'eth-long-managed'];
    for (const orderId of orders) {
      const own = lines.filter((l) => l.orderId === orderId);
      const placed = own.find((l) => l.type === 'NativeStopPlaced');
      // The recording's prints fill the entries in parts (SEMANTICS §9.4): the first part is
      // protected at once.
      const entry = own.find((l) => l.type === 'EntryFilled');
      expect(own.indexOf(placed as Line)).toBeGreaterThan(own.indexOf(entry as Line));
      expect(placed?.ts).toBe(entry?.ts);
    }
    // A long's native stop sits below its managed stop, a short's above it, by 0.1 %.
    expect(of('NativeStopPlaced').map((l) => [l.orderId, l.data.stopPrice])).toEqual(
      expect.arrayContaining([
        ['eth-short-ladder', 2688.69],
        ['eth-long-trailing', 2668.32],
      ]),
    );
    const moved = of('NativeStopMoved');
    // The stop follows every part filled (SEMANTICS §9.4): its size after each entry and
    // take-profit part, its price once, at break-even (0.1 % above the average entry of the
    // parts, 2682.500174).
    const ladder = moved.filter((l) => l.orderId === 'eth-short-ladder').map((l) => l.data);
    expect(ladder.filter((d) => d.from !== d.stopPrice)).toEqual([
      expect.objectContaining({ from: 2688.69, stopPrice: 2685.19 }),
    ]);
    const sizes = ladder.map((d) => d.quantity);
    expect(sizes.indexOf(0.5)).toBeGreaterThan(sizes.indexOf(1.2));
    expect(sizes.indexOf(1.2)).toBeGreaterThan(sizes.indexOf(2));
    expect(moved.some((l) => l.orderId === 'eth-long-trailing')).toBe(true);
    for (const ended of lines.filter((l) =>
      ['SmartOrderClosed', 'SmartOrderStopped', 'SmartOrderCancelled'].includes(l.type),
    )) {
      const own = lines.filter((l) => l.orderId === ended.orderId);
      const cancelled = own.find((l) => l.type === 'NativeStopCancelled');
      const confirmed = own.find(
        (l) =>
          l.type === 'ExchangeOrderCancelled' && String(l.data.clientOrderId).startsWith('son'),
      );
      expect(cancelled).toBeDefined();
      expect(confirmed).toBeDefined();
      expect(own.indexOf(confirmed as Line)).toBeGreaterThan(own.indexOf(cancelled as Line));
      expect(own.indexOf(confirmed as Line)).toBeLessThan(own.indexOf(ended));
    }
    expect(of('NativeStopCancelled').map((l) => [l.orderId, l.data.reason])).toEqual(
      expect.arrayContaining([
        ['eth-short-ladder', 'ORDER_ENDED'],
        ['eth-long-trailing', 'EXIT_STARTED'],
      ]),
    );
  });
});
