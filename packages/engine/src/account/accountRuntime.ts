import type { AccountCommand, OrderState } from '@smart-orders/core';
import type { Exchange, ExchangeReport, Holdings } from '../ports/exchange';
import type { WorkResult } from '../work';
import type { AccountDesk } from './accountDesk';
import { createHoldingsReader } from './readHoldings';

/** What the runtime asks of the engine: its queue, its open orders, its dispatcher. */
export interface AccountRuntimeContext {
  readonly desk: AccountDesk;
  readonly exchange: Exchange;
  readonly openOrders: () => Iterable<OrderState>;
  readonly enqueue: (work: {
    readonly accountCommands?: readonly AccountCommand[];
    readonly reports?: readonly ExchangeReport[];
    readonly holdings?: Holdings;
    readonly followAccount?: boolean;
  }) => Promise<WorkResult>;
  /** Resolves when every request sent so far has been answered. */
  readonly idle: () => Promise<void>;
  /** Every order the engine's log says may be working, looked up on the exchange (nothing resent). */
  readonly lookUpWorking: () => Promise<readonly ExchangeReport[]>;
  readonly warn: (message: string) => void;
  /** A unit of work on the runtime's timers threw: the store failed (see EngineOptions.onFailure). */
  readonly fail: (error: unknown) => void;
  /** Step sizes of the symbols traded: quantities closer than one step are equal. */
  readonly stepSizes: () => Readonly<Record<string, number>>;
}

export interface AccountRuntime {
  /** Live: heartbeats and flatten polls on timers, then the reconciliation gate at START. */
  startLive(): Promise<void>;
  reconcile(reason: 'START' | 'RECONNECT' | 'UNEXPECTED_FILL'): Promise<void>;
  /**
   * A flatten's poll: every order still working that is not a flatten exit is cancelled, and
   * the holdings go to the decider. Runs on a timer live, and after every unit of work that
   * moved a flatten on, so that a venue answering at once (paper) confirms it in tick time.
   */
  pollFlatten(): Promise<WorkResult | null>;
  /**
   * Reads the account stream on a timer for what others appended, so that a kill switch
   * tripped or reset from the CLI takes effect without waiting for a conflict of our own.
   */
  follow(): void;
  stop(): void;
}

/** Comparisons made while CANCEL_ORPHANS waits for its cancels to be done. */
const ORPHAN_ROUNDS = 5;

/**
 * The account's work that happens between batches, on a live exchange: heartbeats for the
 * watchdog, the flatten's polls, the reconciliation gate (SEMANTICS §7).
 */
export const createAccountRuntime = (ctx: AccountRuntimeContext): AccountRuntime => {
  const { desk, exchange, enqueue, warn } = ctx;
  const readHoldings = createHoldingsReader(exchange);
  const timers: NodeJS.Timeout[] = [];
  const { fail } = ctx;
  const beat = () =>
    enqueue({ accountCommands: [{ type: 'RecordHeartbeat', ts: Date.now() }] }).catch(fail);

  const symbolsHeld = (): string[] => {
    const state = desk.state;
    return [
      ...new Set([
        ...(desk.options.symbols ?? []),
        ...[...ctx.openOrders()].map((s) => s.spec.symbol),
        ...Object.keys(state.positions),
        ...Object.values(state.workingOrders).map((o) => o.symbol),
      ]),
    ];
  };

  /** One comparison of what the log expects with what the exchange reports; false: unreadable. */
  const compare = async (): Promise<boolean> => {
    const actual = await readHoldings(symbolsHeld());
    if (actual._tag === 'Left') {
      warn(
        `reconciliation: the exchange could not be read (${actual.left.message}); sending stays held`,
      );
      return false;
    }
    const state = desk.state;
    await enqueue({
      accountCommands: [
        {
          type: 'ReconcileWith',
          ts: Date.now(),
          policy: desk.options.reconciliationPolicy ?? 'HALT',
          stepSizes: ctx.stepSizes(),
          expected: {
            positions: Object.entries(state.positions)
              .filter(([, p]) => p.quantity !== 0)
              .map(([symbol, p]) => ({
                symbol,
                quantity: p.quantity,
                ...(p.averagePrice === null ? {} : { averagePrice: p.averagePrice }),
              })),
            workingOrders: Object.entries(state.workingOrders).map(([clientOrderId, o]) => ({
              clientOrderId,
              symbol: o.symbol,
            })),
          },
          actual: {
            positions: actual.right.positions.map((p) => ({
              symbol: p.symbol,
              quantity: p.quantity,
            })),
            workingOrders: [...actual.right.workingOrders],
          },
        },
      ],
    });
    return true;
  };

  /**
   * The gate closes, every working order is looked up (nothing resent), and the log is compared
   * with the exchange. Under CANCEL_ORPHANS with orphans only, the gate stays closed while their
   * cancels go out; it is compared again once they are answered.
   */
  const reconcile = async (reason: 'START' | 'RECONNECT' | 'UNEXPECTED_FILL'): Promise<void> => {
    await enqueue({ accountCommands: [{ type: 'StartReconciliation', ts: Date.now(), reason }] });
    const reports = await ctx.lookUpWorking();
    if (reports.length > 0) await enqueue({ reports });
    for (let round = 0; round < ORPHAN_ROUNDS && desk.state.gate === 'RECONCILING'; round++) {
      if (!(await compare())) return;
      await ctx.idle();
    }
    if (desk.state.gate === 'RECONCILING')
      warn(`reconciliation: the orphans' cancels did not clear them; sending stays held`);
  };

  let polling = false;
  /**
   * A flatten's poll: every order still working that is not a flatten exit is cancelled
   * (the exchange may hold orders the log never knew), and the holdings go to the decider.
   */
  const readForFlatten = async (): Promise<Holdings | null> => {
    const flatten = desk.state.flatten;
    if (flatten === null || polling) return null;
    polling = true;
    try {
      const exits = new Set(Object.values(flatten.exits).map((x) => x.clientOrderId));
      const holdings = await readHoldings(symbolsHeld());
      if (holdings._tag === 'Left') {
        warn(`flatten: the exchange could not be read (${holdings.left.message}); polling again`);
        return null;
      }
      for (const o of holdings.right.workingOrders) {
        if (exits.has(o.clientOrderId)) continue;
        const cancelled = await exchange.cancel(o.clientOrderId, o.symbol);
        if (cancelled._tag === 'Left')
          warn(`flatten: cancel of ${o.clientOrderId} failed (${cancelled.left.message})`);
      }
      return holdings.right;
    } finally {
      polling = false;
    }
  };
  // The holdings are decided once read; what that decision causes may ask for the next poll.
  const pollFlatten = async (): Promise<WorkResult | null> => {
    const holdings = await readForFlatten();
    return holdings === null ? null : enqueue({ holdings });
  };

  return {
    async startLive() {
      // Alive from the first moment: a reconciliation that takes its time is not a silence.
      await beat();
      timers.push(
        setInterval(() => void beat(), desk.options.heartbeatMs ?? 1_000),
        setInterval(() => void pollFlatten().catch(fail), desk.options.flattenPollMs ?? 500),
      );
      await reconcile('START');
    },
    reconcile,
    pollFlatten,
    follow() {
      const timer = setInterval(
        () => void enqueue({ followAccount: true }).catch(fail),
        desk.options.followMs ?? 1_000,
      );
      timer.unref();
      timers.push(timer);
    },
    stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
    },
  };
};
