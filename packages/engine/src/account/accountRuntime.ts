import {
  DEFAULT_STALE_AFTER_MS,
  flattenCovers,
  staleFlattenDue,
  workingOrderRefs,
  workingSymbols,
  type AccountCommand,
} from '@smart-orders/core';
import type { Exchange, ExchangeReport } from '../ports/exchange';
import type { Recovered } from '../recoverWorkingOrders';
import type { WorkResult } from '../work';
import type { AccountDesk } from './accountDesk';
import type { MarketDataWatch } from './marketDataWatch';
import { createHoldingsReader, type AccountHoldings } from './readHoldings';

/** What the runtime asks of the engine: its queue, its open orders, its dispatcher. */
export interface AccountRuntimeContext {
  readonly desk: AccountDesk;
  readonly exchange: Exchange;
  /** The symbols of the open smart orders (their states are not read: a large book packs them). */
  readonly openSymbols: () => Iterable<string>;
  readonly enqueue: (work: {
    readonly accountCommands?: readonly AccountCommand[];
    readonly reports?: readonly ExchangeReport[];
    readonly holdings?: AccountHoldings;
    readonly followAccount?: boolean;
  }) => Promise<WorkResult>;
  /** Resolves when every request sent so far has been answered. */
  readonly idle: () => Promise<void>;
  /**
   * Every order the engine's log says may be working, looked up on the exchange (nothing
   * resent); `unsent`: the intents among them that the exchange has never seen.
   */
  readonly lookUpWorking: () => Promise<Recovered>;
  readonly warn: (message: string) => void;
  /** A unit of work on the runtime's timers threw: the store failed (see EngineOptions.onFailure). */
  readonly fail: (error: unknown) => void;
  /** Step sizes of the symbols traded: quantities closer than one step are equal. */
  readonly stepSizes: () => Readonly<Record<string, number>>;
  /** When each symbol last had a tick, on the engine's wall clock. */
  readonly marketData: MarketDataWatch;
  /** A retried reconciliation opened the gate: intents never answered are looked up and resent. */
  readonly gateOpened: () => Promise<void>;
}

export interface AccountRuntime {
  /** Live: heartbeats and flatten polls on timers, then the reconciliation gate at START. */
  startLive(): Promise<void>;
  reconcile(
    reason: 'START' | 'RECONNECT' | 'UNEXPECTED_FILL' | 'INSUFFICIENT_BALANCE',
  ): Promise<void>;
  /**
   * A flatten's poll: every order still working that is not a flatten exit is cancelled (of
   * the flatten's symbol alone when it has one), and the holdings go to the decider. Runs on a timer live, and after every unit of work that
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

/** A reconciliation that cannot read the exchange tries again after 1 s, doubling to 30 s (SEMANTICS §7 v2). */
export const RECONCILE_RETRY_FIRST_MS = 1_000;
export const RECONCILE_RETRY_MAX_MS = 30_000;
export { DEFAULT_STALE_AFTER_MS };

/**
 * The account's work that happens between batches, on a live exchange: heartbeats for the
 * watchdog, the flatten's polls, the reconciliation gate (SEMANTICS §7).
 */
const NONE_UNSENT: ReadonlySet<string> = new Set();

export const createAccountRuntime = (ctx: AccountRuntimeContext): AccountRuntime => {
  const { desk, exchange, enqueue, warn } = ctx;
  const readHoldings = createHoldingsReader(exchange);
  const timers: NodeJS.Timeout[] = [];
  const { fail } = ctx;
  /**
   * A heartbeat says the engine can act (SEMANTICS §7 v2): none while the gate is closed (a
   * reconciliation that cannot read the exchange, or one under way) or while a symbol with open
   * orders has stale market data. Its append is the store's proof that it accepts writes.
   */
  const ableToAct = (): boolean =>
    desk.state.gate === 'OPEN' &&
    !tradedSymbols().some((s) =>
      Object.prototype.hasOwnProperty.call(desk.state.staleMarkets, s),
    ) &&
    ctx.marketData.silent(tradedSymbols()).length === 0;

  /** The symbols with open smart orders: their market data must be fresh. */
  const tradedSymbols = (): string[] => [...ctx.openSymbols()];

  /**
   * Each symbol gone silent is recorded stale once; its next tick records it resumed. With
   * `flattenAfterStaleMs`, a stale symbol still silent that long is flattened, alone.
   */
  const watchMarketData = async (): Promise<void> => {
    const fresh = ctx.marketData
      .silent(tradedSymbols())
      .filter((m) => !Object.prototype.hasOwnProperty.call(desk.state.staleMarkets, m.symbol));
    if (fresh.length > 0) {
      const ts = Date.now();
      await enqueue({
        accountCommands: fresh.map((m) => ({
          type: 'MarkMarketDataStale' as const,
          ts,
          symbol: m.symbol,
          ...(m.lastTickTs === null ? {} : { lastTickTs: m.lastTickTs }),
        })),
      });
    }
    const limit = desk.options.flattenAfterStaleMs;
    if (limit === undefined) return;
    // Asked only when the core's rule says it is due: the timer runs every second.
    const due = ctx.marketData
      .silent(Object.keys(desk.state.staleMarkets))
      .filter((m) => staleFlattenDue(desk.state, m.symbol, m.silentForMs, limit).length > 0);
    if (due.length === 0) return;
    const ts = Date.now();
    await enqueue({
      accountCommands: due.map((m) => ({
        type: 'FlattenStaleMarket' as const,
        ts,
        symbol: m.symbol,
        silentForMs: m.silentForMs,
        flattenAfterStaleMs: limit,
      })),
    });
  };
  const beat = () =>
    ableToAct()
      ? enqueue({ accountCommands: [{ type: 'RecordHeartbeat', ts: Date.now() }] }).catch(fail)
      : Promise.resolve();

  const symbolsHeld = (): string[] => {
    const state = desk.state;
    return [
      ...new Set([
        ...(desk.options.symbols ?? []),
        ...ctx.openSymbols(),
        ...Object.keys(state.positions),
        ...workingSymbols(state.workingOrders),
      ]),
    ];
  };

  /**
   * One comparison of what the log expects with what the exchange reports; false: unreadable.
   * `unsent`: intents the exchange has never seen, left out of what is expected working.
   */
  const compare = async (unsent: ReadonlySet<string>): Promise<boolean> => {
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
          ...(actual.right.spotBalances === undefined || actual.right.spotBalances.length === 0
            ? {}
            : { spotBalances: [...actual.right.spotBalances] }),
          expected: {
            positions: Object.entries(state.positions)
              .filter(([, p]) => p.quantity !== 0)
              .map(([symbol, p]) => ({
                symbol,
                quantity: p.quantity,
                ...(p.averagePrice === null ? {} : { averagePrice: p.averagePrice }),
              })),
            workingOrders: workingOrderRefs(state.workingOrders).filter(
              (o) => !unsent.has(o.clientOrderId),
            ),
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

  // At the start, an intent the exchange has never seen was recorded by a process that died
  // before sending it: it is still to be sent, not an order missing from the exchange, and the
  // start's recovery sends it with its id once the gate opens (SEMANTICS §6). Later, while
  // this process runs, such an intent may be in flight or held by the gate: it stays expected.
  let startReconciling = false;
  let retry: NodeJS.Timeout | undefined;
  let retryMs = RECONCILE_RETRY_FIRST_MS;
  let stopped = false;

  /**
   * Compares until the gate opens, or until the exchange cannot be read: then it is tried again
   * on a timer, 1 s doubling to 30 s, until it can; sending stays held meanwhile. Under
   * CANCEL_ORPHANS with orphans only, it is compared again once their cancels are answered.
   */
  const compareUntilOpen = async (unsent: ReadonlySet<string>): Promise<void> => {
    for (let round = 0; round < ORPHAN_ROUNDS && desk.state.gate === 'RECONCILING'; round++) {
      if (!(await compare(unsent))) {
        if (!stopped) {
          warn(`reconciliation: trying again in ${retryMs / 1000} s`);
          retry = setTimeout(() => void retryCompare().catch(fail), retryMs);
          retryMs = Math.min(retryMs * 2, RECONCILE_RETRY_MAX_MS);
        }
        return;
      }
      await ctx.idle();
    }
    retryMs = RECONCILE_RETRY_FIRST_MS;
    if (desk.state.gate === 'RECONCILING')
      warn(`reconciliation: the orphans' cancels did not clear them; sending stays held`);
  };

  // A function, not a narrowed property: the awaits above change the desk's state.
  const tradesAgain = (): boolean =>
    desk.state.gate === 'OPEN' && desk.state.tradingState !== 'HALTED';

  /** A retry: what was held while the exchange could not be read goes out once the gate opens. */
  const retryCompare = async (): Promise<void> => {
    retry = undefined;
    if (desk.state.gate !== 'RECONCILING') return;
    const { reports, unsent } = await ctx.lookUpWorking();
    if (reports.length > 0) await enqueue({ reports });
    await compareUntilOpen(startReconciling ? unsent : NONE_UNSENT);
    if (tradesAgain()) await ctx.gateOpened();
  };

  /** The gate closes, every working order is looked up (nothing resent), and the log is compared with the exchange. */
  const reconcile = async (
    reason: 'START' | 'RECONNECT' | 'UNEXPECTED_FILL' | 'INSUFFICIENT_BALANCE',
  ): Promise<void> => {
    clearTimeout(retry);
    retry = undefined;
    retryMs = RECONCILE_RETRY_FIRST_MS;
    startReconciling = reason === 'START';
    await enqueue({ accountCommands: [{ type: 'StartReconciliation', ts: Date.now(), reason }] });
    const { reports, unsent } = await ctx.lookUpWorking();
    if (reports.length > 0) await enqueue({ reports });
    await compareUntilOpen(startReconciling ? unsent : NONE_UNSENT);
  };

  let polling = false;
  /**
   * A flatten's poll: every order still working that is not a flatten exit is cancelled
   * (the exchange may hold orders the log never knew), and the holdings go to the decider.
   */
  const readForFlatten = async (): Promise<AccountHoldings | null> => {
    const flatten = desk.state.flatten;
    if (flatten === null || polling) return null;
    polling = true;
    try {
      const exits = new Set(Object.values(flatten.exits).map((x) => x.clientOrderId));
      // Exits sized on this reading count only what had been recorded when it began.
      const readFrom = desk.state.version;
      const holdings = await readHoldings(symbolsHeld());
      if (holdings._tag === 'Left') {
        warn(`flatten: the exchange could not be read (${holdings.left.message}); polling again`);
        return null;
      }
      for (const o of holdings.right.workingOrders) {
        // A symbol's own flatten leaves the other symbols' orders working.
        if (exits.has(o.clientOrderId) || !flattenCovers(flatten, o.symbol)) continue;
        const cancelled = await exchange.cancel(o.clientOrderId, o.symbol);
        if (cancelled._tag === 'Left')
          warn(`flatten: cancel of ${o.clientOrderId} failed (${cancelled.left.message})`);
      }
      return { ...holdings.right, readFrom };
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
        setInterval(
          () => void watchMarketData().catch(fail),
          Math.min(1_000, (desk.options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS) / 2),
        ),
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
      stopped = true;
      clearTimeout(retry);
      for (const timer of timers.splice(0)) clearInterval(timer);
    },
  };
};
