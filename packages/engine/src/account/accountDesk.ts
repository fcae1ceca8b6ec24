import {
  AccountEventCodec,
  decideAccount,
  foldAccount,
  initialAccountState,
  DEFAULT_STALE_AFTER_MS,
  staleFlattenLimitError,
  type AccountEvent,
  type AccountState,
  type ReconcileWith,
  type RiskConfig,
} from '@smart-orders/core';
import type { AppendToStream, EventStore } from '../ports/eventStore';
import { accountStream } from '../ports/eventStore';
import { createAccountWork, type AccountWork, type AccountWorkContext } from './accountWork';

export type ReconciliationPolicyName = ReconcileWith['policy'];

/** The account the engine guards (SEMANTICS §7): its stream is `account-<id>`. */
export interface EngineAccount {
  readonly id: string;
  readonly risk?: RiskConfig;
  /** What a divergence found at start or reconnect does; default HALT. */
  readonly reconciliationPolicy?: ReconciliationPolicyName;
  /**
   * Whether the live protocols run (SEMANTICS §7): a heartbeat on a timer, the reconciliation
   * gate at start and after reconnects, a flatten's polls on a timer. Default: on, unless the
   * exchange trades in the engine's tick time (paper, `matchTick`), whose replays write no
   * account event that the ticks do not cause.
   */
  readonly liveProtocols?: boolean;
  /** Live only: how often the engine records a heartbeat for the watchdog; default 1000 ms. */
  readonly heartbeatMs?: number;
  /**
   * Live only: a symbol with open orders and no tick for this long has stale market data
   * (SEMANTICS §7 v2); default 10000 ms.
   */
  readonly staleAfterMs?: number;
  /**
   * Live only: a stale symbol silent this long (on the engine's clock) has its position
   * flattened, that symbol alone, and the others keep trading (SEMANTICS §7 v2). Off when
   * absent; when given, a whole number of milliseconds greater than `staleAfterMs`.
   */
  readonly flattenAfterStaleMs?: number;
  /** Live only: how often a flatten polls the exchange; default 500 ms. */
  readonly flattenPollMs?: number;
  /**
   * How often the engine reads its account stream for what another writer appended (a kill
   * switch tripped or reset from the CLI, the watchdog's trip); default 1000 ms.
   */
  readonly followMs?: number;
  /** Price step of a symbol, for the marketable limit exits; default 0.01. */
  readonly tickSize?: (symbol: string) => number;
  /** The symbols traded: a spot venue's positions are read from their base balances. */
  readonly symbols?: readonly string[];
}

/** The account's committed state, and the work of each batch on top of it. */
export interface AccountDesk {
  readonly options: EngineAccount;
  readonly stream: string;
  readonly state: AccountState;
  load(store: EventStore): Promise<void>;
  /** Whether the stored account stream holds events this desk has not folded. */
  behind(store: EventStore): Promise<boolean>;
  /** Whether a tick that moves no order decides nothing for the account either: no batch then. */
  quietTick(
    ts: number,
    symbol: string,
    price: number,
    marks: () => Record<string, number>,
  ): boolean;
  begin(ctx: AccountWorkContext): AccountWork;
  appendOf(work: AccountWork): AppendToStream | null;
  accept(work: AccountWork): void;
}

/**
 * The account's initial state, or a plain error naming every bad field of its risk config, or
 * a `flattenAfterStaleMs` not above `staleAfterMs`.
 */
export const createAccountDesk = (options: EngineAccount): AccountDesk => {
  const initial = initialAccountState(options.id, options.risk ?? {});
  if (initial._tag === 'Left') throw new Error(`account ${options.id}: ${initial.left.message}`);
  const staleFlatten = staleFlattenLimitError(
    options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    options.flattenAfterStaleMs,
  );
  if (staleFlatten !== null) throw new Error(`account ${options.id}: ${staleFlatten}`);
  let state = initial.right;
  const stream = accountStream(options.id);
  return {
    options,
    stream,
    get state() {
      return state;
    },
    async load(store) {
      const stored = await store.readStream(stream);
      const events = stored.map((e) => {
        const decoded = AccountEventCodec.decode({ type: e.type, ts: e.ts, data: e.data });
        if (decoded._tag === 'Left')
          throw new Error(`${stream} v${e.version}: not an account event (${e.type})`);
        return decoded.right;
      });
      state = foldAccount(initial.right, events);
    },
    behind: async (store) => (await store.readStream(stream, state.version + 1)).length > 0,
    quietTick(ts, symbol, price, marks) {
      const stale = Object.prototype.hasOwnProperty.call(state.staleMarkets, symbol);
      if (state.risk.dailyLossLimit === undefined && state.flatten === null && !stale) return true;
      const decided = decideAccount(
        { type: 'AccountTick', ts, symbol, price, marks: marks() },
        state,
      );
      return decided._tag === 'Right' && decided.right.length === 0;
    },
    begin: (ctx) => createAccountWork(state, ctx),
    appendOf(work) {
      if (work.events.length === 0) return null;
      return {
        stream,
        expectedVersion: work.base.version === 0 ? 'no_stream' : work.base.version,
        events: work.events.map((e: AccountEvent) => ({ type: e.type, ts: e.ts, data: e.data })),
      };
    },
    accept(work) {
      state = work.state;
    },
  };
};
